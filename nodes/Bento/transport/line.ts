import type { Attempt } from './attempt';
import type { Clock } from './clock';
import type { Gate, Place, Turn } from './gate';
import { gateFor } from './gates';
import { rateLimitAdvice, type RateLimitFamily, rateLimitFamilyOf } from './rateLimit';

// A 429 is "wait, then go on", bounded by the retry cap and by this count per request.
export const MAX_REFUSALS = 30;

/**
 * One request's place in its account's line (see Gate) and what it has waited there (ms). A
 * turn in line under the per-minute limit is waited for up to `lineCapMs` (Max Wait for Rate
 * Limit); the waits after a refusal, and the turns under the hourly and daily limits, stay under
 * `retryCapMs`, so those keep failing fast with the time to try again.
 */
export class LinePlace {
	readonly family: RateLimitFamily;

	private readonly gate: Gate;

	private readonly place: Place;

	private readonly lineCapMs: number;

	private lineWaitMs = 0;

	private refusalWaitMs = 0;

	private refusals = 0;

	/** When its last refusal came: the next wait is measured from then. */
	private refusedAt?: number;

	/** Whether its last turn went past what a window let through before (see beyondBudget). */
	private beyond = true;

	/** `later`: its run sent a request before (a long job's next batch; see Gate.place). */
	constructor(
		account: string,
		endpoint: string,
		clock: Clock,
		lineCapMs: number,
		private readonly retryCapMs: number,
		later = false,
	) {
		this.family = rateLimitFamilyOf(endpoint);
		this.gate = gateFor(account, this.family, clock);
		this.place = this.gate.place(later);
		this.lineCapMs = this.family.key === 'minute' ? lineCapMs : retryCapMs;
	}

	/** Whether the request waits for a reset after a refusal (not paced again then). */
	get afterRefusal(): boolean {
		return this.refusedAt !== undefined;
	}

	/** Waits for the request's turn (see Gate.turn). */
	async turn(signal?: AbortSignal): Promise<Turn> {
		const refusedAt = this.refusedAt;
		const maxWaitMs =
			refusedAt === undefined
				? this.lineCapMs - this.lineWaitMs
				: this.retryCapMs - this.refusalWaitMs;
		const turn = await this.gate.turn(this.place, { maxWaitMs, signal, now: refusedAt });
		if (!('sentAt' in turn)) return turn;
		if (refusedAt === undefined) this.lineWaitMs += turn.waitedMs;
		else this.refusalWaitMs += turn.waitedMs;
		this.refusedAt = undefined;
		this.beyond = turn.beyond;
		return turn;
	}

	/** "Not sent: its turn ... is further away": for a turn past the cap, at `retryAt` (local ms). */
	tooFar(retryAt: number): { message: string; description: string } {
		const count = Math.round((this.lineCapMs / 60_000) * 10) / 10;
		const minutes = count === 1 ? '1 minute' : `${count} minutes`;
		const bound =
			this.family.key === 'minute'
				? `${minutes} (option Max Wait for Rate Limit)`
				: `${minutes}, the most the node waits under ${this.family.documented.replace(/^Bento allows /, 'a limit of ')}`;
		return {
			message: `Not sent: its turn under Bento's rate limit is further away than the node waits (${rateLimitAdvice(this.family, retryAt)})`,
			description: `Requests to this Bento account wait in line under its limit; this one's turn would come after more than ${bound}.`,
		};
	}

	/**
	 * What became of the request sent at `sentAt`, other than a refusal: `result` undefined when
	 * it was not sent after all (cancelled) or the send threw.
	 */
	settle(sentAt: number, result: Attempt | undefined, sent = true): void {
		// Bento counted every answered request against its limit.
		const answered = result && (result.ok || /^\d{3}$/.test(result.httpCode));
		const kind = !sent ? 'unsent' : answered ? 'answered' : 'failed';
		this.gate.settle(sentAt, { kind, serverDateMs: result?.serverDateMs, beyond: this.beyond });
	}

	/**
	 * Bento refused the request sent at `sentAt` (at `now`). Returns the advice to give up with
	 * (too many refusals, or the reset past the cap); else undefined: its next turn is at the reset.
	 */
	refused(
		sentAt: number,
		refusal: { retryAfterMs?: number; serverDateMs?: number },
		now: number,
	): string | undefined {
		const { retryAt, guessed } = this.gate.settle(
			sentAt,
			{ kind: 'refused', ...refusal, beyond: this.beyond },
			now,
		);
		if (++this.refusals > MAX_REFUSALS || this.refusalWaitMs + (retryAt - now) > this.retryCapMs)
			return rateLimitAdvice(this.family, retryAt, guessed);
		this.refusedAt = now;
		return undefined;
	}
}
