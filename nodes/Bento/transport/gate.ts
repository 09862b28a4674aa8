import { createHash } from 'node:crypto';

import type { Clock } from './clock';
import {
	initialLimitState,
	type LimitState,
	nextLimitState,
	resetWasGuessed,
	turnAt,
} from './limitState';
import type { RateLimitFamily } from './rateLimit';

/** A gate untouched this long, with nothing queued or in flight, is forgotten (ms). */
export const GATE_IDLE_FORGET_MS = 15 * 60_000;
/** Gates kept at most (accounts x limit families); the least recently used idle ones go first. */
export const MAX_GATES = 300;
/**
 * A clock-aligned reset is spread by a random part of this (ms), so that processes do not all come
 * back at once (their readings of Bento's `Date`, whole seconds, differ by up to a second more).
 */
export const RESET_SPREAD_MS = 600;

/** One request's place in its account's line; a refused request keeps it. */
export interface Place {
	readonly seq: number;
}

interface Waiter extends Place {
	deadline: number;
	signal?: AbortSignal;
	settle(turn: Turn): void;
}

/**
 * A turn given (`sentAt`: when it left, to report with its outcome), a turn too far away
 * (`retryAt`, local ms), or none: the execution was cancelled while it waited.
 */
export type Turn = { sentAt: number; waitedMs: number } | { retryAt: number } | { cancelled: true };

/** What became of a sent request, as the transport tells the gate. */
export type Outcome =
	| { kind: 'answered'; serverDateMs?: number }
	| { kind: 'failed' }
	| { kind: 'unsent' }
	| { kind: 'refused'; serverDateMs?: number; retryAfterMs?: number };

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

	place(): Place {
		return { seq: ++seq };
	}

	/**
	 * Waits for `place`'s turn (its time measured from `now`, e.g. when its refusal came). A turn
	 * predicted more than `maxWaitMs` away is not waited for: `{ retryAt }` (local ms). A
	 * cancelled execution leaves the line at once; the caller checks its signal.
	 */
	async turn(
		place: Place,
		options: { maxWaitMs: number; signal?: AbortSignal; now?: number },
	): Promise<Turn> {
		const now = options.now ?? this.clock.now();
		this.usedAt = now;
		if (options.signal?.aborted) return { cancelled: true };
		const at = turnAt(this.state, now, this.positionOf(place.seq));
		if (at - now > options.maxWaitMs && at !== Infinity) return { retryAt: at };
		const { signal } = options;
		let onAbort = () => {};
		const turn = await new Promise<Turn>((resolve) => {
			const waiter: Waiter = {
				seq: place.seq,
				deadline: now + options.maxWaitMs,
				signal,
				settle: resolve,
			};
			onAbort = () => {
				this.remove(waiter);
				resolve({ cancelled: true });
				this.pump();
			};
			signal?.addEventListener('abort', onAbort, { once: true });
			this.queue.splice(this.positionOf(place.seq), 0, waiter);
			this.pump(now);
		});
		signal?.removeEventListener('abort', onAbort);
		return 'sentAt' in turn ? { sentAt: turn.sentAt, waitedMs: turn.sentAt - now } : turn;
	}

	/**
	 * Tells the gate what became of a request that left at `sentAt`. For a refusal, returns when
	 * the line reopens (local ms) and whether that time is a guess.
	 */
	settle(
		sentAt: number,
		outcome: Outcome,
		at = this.clock.now(),
	): { retryAt: number; guessed: boolean } {
		this.usedAt = at;
		const spreadMs = Math.floor(this.clock.random() * RESET_SPREAD_MS);
		this.state = nextLimitState(
			this.state,
			outcome.kind === 'refused'
				? { ...outcome, at, sentAt, spreadMs }
				: { ...outcome, at, sentAt },
		);
		const guessed =
			outcome.kind === 'refused' &&
			outcome.retryAfterMs === undefined &&
			resetWasGuessed(this.state);
		const retryAt = Math.max(at, this.state.closedUntil);
		// Measured from `at`, as the refused request's own wait is (it comes back to its place).
		this.pump(at);
		return { retryAt, guessed };
	}

	/** Index of the first waiter that arrived after `seq` (where `seq` belongs). */
	private positionOf(seq: number): number {
		let low = 0;
		let high = this.queue.length;
		while (low < high) {
			const mid = (low + high) >> 1;
			if (this.queue[mid].seq < seq) low = mid + 1;
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
				this.state = nextLimitState(this.state, { kind: 'sent', at: now });
				head.settle({ sentAt: now, waitedMs: 0 });
				continue;
			}
			if (at > head.deadline && at !== Infinity) {
				this.queue.shift();
				head.settle({ retryAt: at });
				continue;
			}
			if (at < this.timerUntil) {
				this.wake(head, at, now);
				this.dropUnreachable(now);
			}
			return;
		}
	}

	/** Fails at once the waiters whose predicted turn now lies past their deadline. */
	private dropUnreachable(now: number): void {
		let position = 0;
		for (const waiter of [...this.queue]) {
			const at = turnAt(this.state, now, position);
			if (at !== Infinity && at > waiter.deadline) {
				this.remove(waiter);
				waiter.settle({ retryAt: at });
			} else position++;
		}
	}

	/** The head waits (with its execution's cancel signal) until `until`, then the line moves. */
	private wake(head: Waiter, until: number, now: number): void {
		this.timerUntil = until;
		void this.clock.wait(until - now, head.signal).then(() => {
			if (this.timerUntil === until) this.timerUntil = Infinity;
			this.pump();
		});
	}
}

const gates = new Map<string, Gate>();

/**
 * The account a credential names, as a key that holds no secret: a SHA-256 of the API root and
 * the site UUID (never the keys).
 */
export function accountKey(apiRoot: string, siteUuid: string): string {
	return createHash('sha256').update(`${apiRoot}\n${siteUuid.trim()}`).digest('hex');
}

/** Forgets gates idle for GATE_IDLE_FORGET_MS, then the least recently used while over MAX_GATES. */
function sweep(now: number): void {
	for (const [key, gate] of gates)
		if (gate.idle && now - gate.usedAt > GATE_IDLE_FORGET_MS) gates.delete(key);
	if (gates.size < MAX_GATES) return;
	const byUse = [...gates].sort(
		([, a], [, b]) => Number(b.idle) - Number(a.idle) || a.usedAt - b.usedAt,
	);
	for (const [key] of byUse.slice(0, gates.size - MAX_GATES + 1)) gates.delete(key);
}

/** This process's gate for `account` (see accountKey) and `family`. */
export function gateFor(account: string, family: RateLimitFamily, clock: Clock): Gate {
	const key = `${account}:${family.key}`;
	const now = clock.now();
	let gate = gates.get(key);
	if (!gate || (gate.idle && now - gate.usedAt > GATE_IDLE_FORGET_MS)) {
		sweep(now);
		gate = new Gate(family, clock);
		gates.set(key, gate);
	}
	return gate;
}

/** Test-only: forgets every gate (each test starts as a new process would). */
export function resetGatesForTests(): void {
	gates.clear();
}
