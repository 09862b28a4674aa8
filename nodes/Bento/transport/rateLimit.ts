import * as limits from './bentoLimits';
import type { Clock } from './clock';
import { Pacer } from './pacer';

/**
 * One of Bento's rate limits (their numbers: bentoLimits.ts). Which requests count together is
 * not documented: every path outside the hourly and daily ones is taken as one per-minute budget.
 */
export interface RateLimitFamily {
	key: 'minute' | 'hour' | 'day';
	/** "a minute", for "its window resets within a minute". */
	window: string;
	windowMs: number;
	/** The limit as Bento documents it, for messages: "100 requests a minute". */
	documented: string;
}

const MINUTE: RateLimitFamily = {
	key: 'minute',
	window: 'a minute',
	windowMs: 60_000,
	documented: `Bento allows ${limits.BENTO_REQUESTS_PER_MINUTE} requests a minute per account (/batch, /fetch, /experimental)`,
};
const HOUR: RateLimitFamily = {
	key: 'hour',
	window: 'an hour',
	windowMs: 3_600_000,
	documented: `Bento allows about ${limits.BENTO_STATS_REQUESTS_PER_HOUR} requests an hour to /stats (some pages say 30)`,
};
const DAY: RateLimitFamily = {
	key: 'day',
	window: 'a day',
	windowMs: 86_400_000,
	documented: `Bento allows ${limits.countText(limits.BENTO_DELETIONS_PER_DAY)} data deletion requests a day`,
};

/** The limit an endpoint (path below the API root, e.g. `/stats/site`) counts against. */
export function rateLimitFamilyOf(endpoint: string): RateLimitFamily {
	if (endpoint.startsWith('/stats')) return HOUR;
	if (endpoint.startsWith('/data_deletion_requests')) return DAY;
	return MINUTE;
}

/**
 * How the server counts: `clock`, fixed windows aligned to its clock (Rack::Attack: a per-minute
 * limit resets on the server's minute, refused requests count too); `sliding`, at most N in any
 * trailing window. Unknown until Bento's answers tell them apart.
 */
type WindowShape = 'unknown' | 'clock' | 'sliding';

/** What a 429 told: Retry-After (ms, if sent), the server's `Date` (ms), and when it arrived. */
export interface Refusal {
	retryAfterMs?: number;
	serverDateMs?: number;
	receivedAt: number;
}

// After a predicted reset, a little slack for the trip to Bento: a request that arrives a
// moment early is refused (and counted) in the old window.
const MARGIN_MS = 250;
// Our own answered requests remembered per family: more than any window holds at Bento's pace.
const MAX_REMEMBERED = 5_000;

class FamilyState {
	/** Local times of this execution's answered (not refused) requests, oldest first. */
	readonly answered: number[] = [];

	shape: WindowShape = 'unknown';

	/** Under a sliding window: how many of ours it took at the last refusal. */
	allowance?: number;

	/** The shape whose predicted reset we are waiting for, until an answer or a refusal tells. */
	testing?: 'clock' | 'sliding';

	/** Refusals in a row when none of ours were in the window (others used it): grows the wait. */
	blindRefusals = 0;

	/** When Bento last refused; a window without one lets the sliding allowance grow by one. */
	lastRefusalAt = 0;

	constructor(readonly family: RateLimitFamily) {}

	prune(now: number): void {
		const from = now - this.family.windowMs;
		let drop = 0;
		while (drop < this.answered.length && this.answered[drop] <= from) drop++;
		if (this.answered.length - drop > MAX_REMEMBERED) drop = this.answered.length - MAX_REMEMBERED;
		if (drop > 0) this.answered.splice(0, drop);
	}
}

/**
 * Paces one execution's requests under Bento's limits and decides how long a 429 waits.
 *
 * Automatic (`requestsPerMinute` 0): full speed until Bento refuses; a refusal waits for the
 * window to reset, predicted from the server's `Date` (a clock-aligned window) or from this
 * execution's own requests (a sliding one), whichever comes first, and the next answer tells
 * which shape Bento has. Under a sliding window the rest of the execution keeps at most what it
 * let through in any window; under a clock-aligned one each window is used to its end, one
 * refusal marking it. A fixed `requestsPerMinute` spaces requests evenly instead. Retry-After,
 * when sent, always wins. One instance per run of a node: nothing is shared between runs,
 * executions or processes, so each learns the limit from its own answers (queue mode included).
 */
export class RateLimiter {
	private readonly families = new Map<string, FamilyState>();

	private readonly pacer: Pacer;

	constructor(
		requestsPerMinute: number,
		private readonly clock: Clock,
	) {
		this.pacer = new Pacer(requestsPerMinute, clock);
	}

	private state(endpoint: string): FamilyState {
		const family = rateLimitFamilyOf(endpoint);
		let state = this.families.get(family.key);
		if (!state) {
			state = new FamilyState(family);
			this.families.set(family.key, state);
		}
		return state;
	}

	/**
	 * Waits until this execution may send a request to `endpoint`, at most `maxWaitMs`. Returns
	 * the time waited (ms), or, when the sliding window would hold the request longer, does not
	 * wait and returns the limit and when it frees a place.
	 */
	async beforeRequest(
		endpoint: string,
		maxWaitMs: number,
		signal?: AbortSignal,
	): Promise<{ waitedMs: number } | { family: RateLimitFamily; freedAt: number }> {
		await this.pacer.beforeRequest(signal);
		const state = this.state(endpoint);
		if (state.shape !== 'sliding' || state.allowance === undefined) return { waitedMs: 0 };
		const now = this.clock.now();
		state.prune(now);
		const { windowMs } = state.family;
		// A window without a refusal: try one more per window (other executions may have finished).
		if (now - state.lastRefusalAt > windowMs) {
			state.allowance++;
			state.lastRefusalAt = now;
		}
		const over = state.answered.length - state.allowance;
		if (over < 0) return { waitedMs: 0 };
		// The request that must leave the window first, so that one more fits.
		const freedAt = state.answered[over] + windowMs + MARGIN_MS;
		if (freedAt - now > maxWaitMs) return { family: state.family, freedAt };
		await this.clock.wait(freedAt - now, signal);
		return { waitedMs: freedAt - now };
	}

	/**
	 * The transport gave up on a refused request to `endpoint` without waiting for the reset:
	 * the next refusal tells nothing about the predicted one.
	 */
	onGaveUp(endpoint: string): void {
		this.state(endpoint).testing = undefined;
	}

	/** Bento answered a request to `endpoint` with anything but a 429. */
	onAnswered(endpoint: string): void {
		const state = this.state(endpoint);
		const now = this.clock.now();
		state.answered.push(now);
		state.prune(now);
		state.blindRefusals = 0;
		// The predicted reset let a request through: that is how Bento counts.
		if (state.testing) state.shape = state.testing;
		state.testing = undefined;
	}

	/**
	 * Bento refused a request to `endpoint` (429). Returns how long to wait before sending it
	 * again (ms from now), the limit it names, and whether that wait is a guess (nothing told
	 * when the window resets: no Retry-After, no Date, none of our requests in the window).
	 */
	onRefused(
		endpoint: string,
		refusal: Refusal,
	): { waitMs: number; family: RateLimitFamily; guessed: boolean } {
		const state = this.state(endpoint);
		const { family } = state;
		const now = this.clock.now();
		state.lastRefusalAt = now;
		if (refusal.retryAfterMs !== undefined) {
			// Retry-After 0 must not become a busy loop.
			return { waitMs: Math.max(refusal.retryAfterMs, MARGIN_MS), family, guessed: false };
		}
		state.prune(now);
		// Refused again right at the predicted reset: Bento counts the other way.
		if (state.testing) state.shape = state.testing === 'clock' ? 'sliding' : 'clock';
		state.testing = undefined;

		// With none of ours in the window the sliding reset is a guess: the server's clock is not.
		const blind = state.answered.length === 0;
		const clockReset = this.clockReset(family, refusal);
		const slidingReset = this.slidingReset(state, now);
		let shape: 'clock' | 'sliding';
		if (state.shape === 'unknown') {
			shape =
				clockReset !== undefined && (blind || clockReset <= slidingReset) ? 'clock' : 'sliding';
			state.testing = shape;
		} else {
			shape = state.shape === 'clock' && clockReset !== undefined ? 'clock' : 'sliding';
		}
		const guessed = shape === 'sliding' && blind;
		if (guessed) state.blindRefusals++;
		else if (shape === 'sliding') state.allowance = state.answered.length;
		const resetAt = shape === 'clock' ? (clockReset as number) : slidingReset;
		return { waitMs: Math.max(resetAt - now, MARGIN_MS), family, guessed };
	}

	/**
	 * The local time when the server's clock enters its next window. `Date` has whole seconds
	 * and the server's time at that answer was within [Date, Date + 1 s): waiting from the
	 * answer for `next window - Date` is late by at most a second, never early.
	 */
	private clockReset(family: RateLimitFamily, refusal: Refusal): number | undefined {
		const date = refusal.serverDateMs;
		if (date === undefined || !Number.isFinite(date)) return undefined;
		const next = (Math.floor(date / family.windowMs) + 1) * family.windowMs;
		return refusal.receivedAt + (next - date) + MARGIN_MS;
	}

	/** When the oldest of our requests in the window leaves it; a guess when none of ours is in it. */
	private slidingReset(state: FamilyState, now: number): number {
		const window = state.family.windowMs;
		if (state.answered.length > 0) return state.answered[0] + window + MARGIN_MS;
		// Others (other executions on the account) used the window: wait a quarter of it, then
		// half, then all of it, as such refusals repeat.
		return now + window * Math.min(1, 2 ** state.blindRefusals / 4);
	}
}

/**
 * "Bento allows ... Try again after 14:03:00 UTC.": for a wait not slept through. `retryAt` is
 * a local time (ms); `guessed` when nothing told it.
 */
export function rateLimitAdvice(family: RateLimitFamily, retryAt: number, guessed = false): string {
	if (guessed)
		return `${family.documented}. Its window resets within ${family.window}: try again later.`;
	const at = new Date(Math.ceil(retryAt / 1000) * 1000).toISOString().slice(11, 19);
	return `${family.documented}. Try again after ${at} UTC.`;
}
