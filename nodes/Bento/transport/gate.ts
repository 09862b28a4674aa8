import type { Clock } from './clock';
import {
	beyondBudget,
	initialLimitState,
	type LimitState,
	nextLimitState,
	resetWasGuessed,
	turnAt,
} from './limitState';
import type { RateLimitFamily } from './rateLimit';
import { RESET_SPREAD_MS } from './windowShapes';

export { RESET_SPREAD_MS } from './windowShapes';

/**
 * How long a run's later request (a long job's next batch) lets newer first requests go ahead of
 * it (ms, at most its window): one-request executions do not wait behind a long job's next turn,
 * and the long job still gets its turns.
 */
export const LATER_REQUEST_YIELD_MS = 60_000;

/** One request's place in its account's line (by `key`, then `seq`); a refused request keeps it. */
export interface Place {
	readonly key: number;
	readonly seq: number;
}

interface Waiter extends Place {
	deadline: number;
	signal?: AbortSignal;
	settle(turn: Turn): void;
}

/**
 * A turn given (`sentAt`: when it left, to report with its outcome; `beyond`: sent past what a
 * window let through before, see beyondBudget), a turn not had within the request's wait
 * (`retryAt`, local ms, and whether the time is Bento's own `byServer`), or none: the execution
 * was cancelled while it waited.
 */
export type Turn =
	| { sentAt: number; waitedMs: number; beyond: boolean }
	| { retryAt: number; byServer: boolean }
	| { cancelled: true };

/** What became of a sent request, as the transport tells the gate. */
export type Outcome =
	| { kind: 'answered'; serverDateMs?: number; beyond?: boolean }
	| { kind: 'failed' }
	| { kind: 'unsent' }
	| { kind: 'refused'; serverDateMs?: number; retryAfterMs?: number; beyond?: boolean };

let seq = 0;

/**
 * One account's line for one rate-limit family in this n8n process: every request of every
 * execution, picker and poll asks it for a turn, and turns are given in the order asked (a
 * refused request keeps its place). What Bento's answers teach (see limitState.ts) is shared by
 * all of them. Only pace depends on it: a refused request is still waited out and sent again.
 */
export class Gate {
	private state: LimitState;

	private readonly queue: Waiter[] = [];

	/** The time the pending wait of the queue's head ends; Infinity when none is pending. */
	private timerUntil = Infinity;

	/** Stops that wait: when the line empties, nothing of this gate keeps a timer alive. */
	private timer?: AbortController;

	usedAt: number;

	constructor(
		readonly family: RateLimitFamily,
		private readonly clock: Clock,
	) {
		this.state = initialLimitState(family.windowMs);
		this.usedAt = clock.now();
	}

	get idle(): boolean {
		return this.queue.length === 0 && this.state.inFlight === 0;
	}

	/** A place at the end of the line; a run's `later` request lets newer first ones ahead. */
	place(later = false): Place {
		const yieldMs = later ? Math.min(LATER_REQUEST_YIELD_MS, this.family.windowMs) : 0;
		return { key: this.clock.now() + yieldMs, seq: ++seq };
	}

	/**
	 * Waits for `place`'s turn (its time measured from `now`, e.g. when its refusal came), at most
	 * `maxWaitMs`: then `{ retryAt }` (local ms). Only a wait Bento itself set (Retry-After) past
	 * that is not waited for at all: a predicted turn is a guess, and the line relearns. A
	 * cancelled execution leaves the line at once; the caller checks its signal.
	 */
	async turn(
		place: Place,
		options: { maxWaitMs: number; signal?: AbortSignal; now?: number },
	): Promise<Turn> {
		const now = options.now ?? this.clock.now();
		this.usedAt = now;
		if (options.signal?.aborted) return { cancelled: true };
		const deadline = now + options.maxWaitMs;
		if (this.closedPast(deadline)) return { retryAt: this.state.closedUntil, byServer: true };
		const { signal } = options;
		let onAbort = () => {};
		const turn = await new Promise<Turn>((resolve) => {
			const waiter: Waiter = {
				...place,
				deadline,
				signal,
				settle: resolve,
			};
			onAbort = () => {
				this.remove(waiter);
				resolve({ cancelled: true });
				this.pump();
			};
			signal?.addEventListener('abort', onAbort, { once: true });
			this.queue.splice(this.positionOf(place), 0, waiter);
			this.pump(now);
		});
		signal?.removeEventListener('abort', onAbort);
		return 'sentAt' in turn ? { ...turn, waitedMs: turn.sentAt - now } : turn;
	}

	/**
	 * Tells the gate what became of a request that left at `sentAt`. For a refusal, returns when
	 * the line reopens (local ms) and whether that time is a guess.
	 */
	settle(
		sentAt: number,
		outcome: Outcome,
		at = this.clock.now(),
	): { retryAt: number; guessed: boolean; byServer: boolean } {
		this.usedAt = at;
		this.state = nextLimitState(
			this.state,
			outcome.kind === 'refused'
				? { ...outcome, at, sentAt, spreadMs: Math.floor(this.clock.random() * RESET_SPREAD_MS) }
				: { ...outcome, at, sentAt },
		);
		const guessed =
			outcome.kind === 'refused' &&
			outcome.retryAfterMs === undefined &&
			resetWasGuessed(this.state);
		const retryAt = Math.max(at, this.state.closedUntil);
		const byServer = outcome.kind === 'refused' && this.state.closedByServer;
		// Measured from `at`, as the refused request's own wait is (it comes back to its place).
		this.pump(at);
		return { retryAt, guessed, byServer };
	}

	/** Whether Bento itself (Retry-After) closed the line past `deadline`. */
	private closedPast(deadline: number): boolean {
		return this.state.closedByServer && this.state.closedUntil > deadline;
	}

	/** Index of the first waiter placed after `place` (where `place` belongs). */
	private positionOf(place: Place): number {
		let low = 0;
		let high = this.queue.length;
		while (low < high) {
			const mid = (low + high) >> 1;
			const other = this.queue[mid];
			if (other.key < place.key || (other.key === place.key && other.seq < place.seq))
				low = mid + 1;
			else high = mid;
		}
		return low;
	}

	private remove(waiter: Waiter): void {
		const index = this.queue.indexOf(waiter);
		if (index >= 0) this.queue.splice(index, 1);
	}

	/** Gives turns from the head of the line while the limit allows; else the head waits for its time. */
	private pump(now = this.clock.now()): void {
		while (this.queue.length > 0) {
			const head = this.queue[0];
			const at = turnAt(this.state, now, 0);
			if (at <= now) {
				this.queue.shift();
				const beyond = beyondBudget(this.state, now);
				this.state = nextLimitState(this.state, { kind: 'sent', at: now });
				head.settle({ sentAt: now, waitedMs: 0, beyond });
				continue;
			}
			if (this.dropUnreachable(now)) continue;
			const until = Math.min(at, ...this.queue.map((w) => w.deadline));
			if (until < this.timerUntil) this.wake(head, until, now);
			return;
		}
		// Nobody waits: no timer of this gate stays alive.
		this.timer?.abort();
	}

	/**
	 * Fails the waiters whose wait is over, or whose deadline comes before the time Bento said to
	 * come back; `retryAt` is their predicted turn (now, when it cannot be told). Whether any left.
	 */
	private dropUnreachable(now: number): boolean {
		let position = 0;
		let dropped = false;
		for (const waiter of [...this.queue]) {
			const byServer = this.closedPast(waiter.deadline);
			if (byServer || waiter.deadline <= now) {
				const at = turnAt(this.state, now, position);
				this.remove(waiter);
				waiter.settle({ retryAt: at === Infinity ? now : Math.max(at, now), byServer });
				dropped = true;
			} else position++;
		}
		return dropped;
	}

	/** The head waits until `until` (stopped if its execution is cancelled), then the line moves. */
	private wake(head: Waiter, until: number, now: number): void {
		this.timer?.abort();
		const timer = new AbortController();
		this.timer = timer;
		this.timerUntil = until;
		const forward = () => timer.abort();
		head.signal?.addEventListener('abort', forward, { once: true });
		void this.clock.wait(until - now, timer.signal).then(() => {
			head.signal?.removeEventListener('abort', forward);
			if (this.timer === timer) {
				this.timer = undefined;
				this.timerUntil = Infinity;
			}
			this.pump();
		});
	}
}
