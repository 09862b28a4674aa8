// What one n8n process knows about one of an account's rate limits: the state's shape alone, so
// that the pure functions over it (limitState.ts, turns.ts, windowShapes.ts) all stand above it.

import type { AnswerLog } from './answerLog';

/** The counting shapes the line tells apart once Bento refuses. */
export type Shape = 'clock' | 'sliding' | 'block';

/**
 * How the server counts: `clock`, fixed windows aligned to its clock (Rack::Attack: a per-minute
 * limit resets on the server's minute, refused requests count too); `sliding`, at most N in any
 * trailing window (refused requests may count: the node counts them); `block`, going over blocks
 * every request for a while (a window from the refusal that began it). `unknown` until the first
 * refusal. Each gives the whole budget back after a window without requests.
 */
export type WindowShape = 'unknown' | Shape;

export interface LimitState {
	readonly windowMs: number;
	readonly shape: WindowShape;
	/**
	 * Whether a request sent at a predicted reset told the shape (answered: right; refused: try
	 * the next one, `tried`). Until then the first such request tests it.
	 */
	readonly confirmed: boolean;
	/** Shapes refused at their predicted reset since the last confirmation. */
	readonly tried: readonly Shape[];
	/** Server clock minus local clock, at least (ms), from Bento's `Date` headers (whole seconds). */
	readonly serverAheadMs?: number;
	/** Requests a window let this process send, as of the last refusal; undefined before one. */
	readonly budget?: number;
	/** When Bento last refused (local ms); a sliding budget grows by one per window without one. */
	readonly refusedAt: number;
	/** The first refusal since Bento last took a request sent after it: when a block began. */
	readonly blockedSince?: number;
	/** Nothing is sent before this local time: a predicted reset, or a Retry-After. */
	readonly closedUntil: number;
	/** Whether `closedUntil` is Bento's own (a Retry-After), not a prediction. */
	readonly closedByServer: boolean;
	/** Refusals in a row that told nothing about the reset (none of ours in the window, no Date). */
	readonly blindRefusals: number;
	/** Local times of answers in the trailing window, oldest first. */
	readonly answered: AnswerLog;
	/** Local times of refusals in the trailing window: a limiter may count them too. */
	readonly refused: AnswerLog;
	/**
	 * Since when (local ms) a sliding window refused a request sent within its count (answers and
	 * refusals, which always hold a place there): from then the line tries for no more, and under
	 * a block the refusals hold a place too. Undefined: no such refusal.
	 */
	readonly refusalsCountSince?: number;
	/** The server-clock window now counted (index) and this process's sends and answers in it. */
	readonly window: { readonly index: number; readonly sent: number; readonly answered: number };
	readonly inFlight: number;
	/** Whether others use the account too: Bento refused before this process sent its budget. */
	readonly shared: boolean;
}
