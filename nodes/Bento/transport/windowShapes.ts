// The counting shapes the line tells apart once Bento refuses (see limitState.ts), and what the
// sliding and block shapes need: the requests Bento counted in the trailing window (answers and
// refusals: a limiter may count refused requests too) and when enough of them leave it.

import { type AnswerLog, logAt, logSize, recentAnswers } from './answerLog';
import type { LimitState, Shape } from './limitStateType';

export type { Shape } from './limitStateType';

/** After a predicted reset, slack for the trip to Bento: a request a moment early counts in the old window. */
export const RESET_MARGIN_MS = 250;

/**
 * A clock-aligned reset is spread by a random part of this (ms), so that processes do not all come
 * back at once (their readings of Bento's `Date`, whole seconds, differ by up to a second more).
 */
export const RESET_SPREAD_MS = 600;

/** Answered and refused requests kept at most, each: more than any window holds at Bento's pace. */
export const MAX_REMEMBERED = 5_000;

export function recent(log: AnswerLog, now: number, windowMs: number): AnswerLog {
	return recentAnswers(log, now, windowMs, MAX_REMEMBERED);
}

/** Requests of the two logs in the window that ends at `now`. */
export function countedIn(
	answered: AnswerLog,
	refused: AnswerLog,
	now: number,
	windowMs: number,
): number {
	return logSize(recent(answered, now, windowMs)) + logSize(recent(refused, now, windowMs));
}

/** The `k`th oldest time of the two logs taken as one (each oldest first). */
export function nthCounted(answered: AnswerLog, refused: AnswerLog, k: number): number {
	let a = 0;
	let r = 0;
	for (;;) {
		const fromAnswered =
			r >= logSize(refused) || (a < logSize(answered) && logAt(answered, a) <= logAt(refused, r));
		const at = fromAnswered ? logAt(answered, a++) : logAt(refused, r++);
		if (a + r > k) return at;
	}
}

/**
 * The shape, among those not yet refused at their reset (`tried`), whose reset comes first, and
 * that reset (local ms); undefined when every shape was tried. `resets.clock` is undefined
 * before any `Date` header. A clock reset is taken only when an answer at it would tell the
 * clock apart: at least `before.sliding` ms before an untried sliding reset (a refused test costs
 * a limit that slides and counts refusals a place until a window after it, see CLOCK_TEST_BY),
 * and `before.block` ms before an untried block's end (a request sent then, spread included,
 * still meets the block).
 */
export function untriedReset(
	resets: { clock?: number; sliding: number; block: number },
	tried: readonly Shape[],
	before: { sliding: number; block: number },
): { shape: Shape; at: number } | undefined {
	let best: { shape: Shape; at: number } | undefined;
	let clockApart = resets.clock !== undefined && !tried.includes('clock');
	for (const shape of ['sliding', 'block'] as const) {
		const at = resets[shape];
		if (tried.includes(shape)) continue;
		if (!best || at < best.at) best = { shape, at };
		if (resets.clock !== undefined && resets.clock > at - before[shape]) clockApart = false;
	}
	if (clockApart || (!best && resets.clock !== undefined && !tried.includes('clock')))
		return { shape: 'clock', at: resets.clock as number };
	return best;
}

/** What reading the server's clock windows takes of the state. */
type WindowClock = Pick<LimitState, 'windowMs' | 'serverAheadMs' | 'window'>;

/** The index of the server-clock window local time `t` falls in; NaN before any `Date`. */
export function windowIndex(s: WindowClock, t: number): number {
	return s.serverAheadMs === undefined ? NaN : Math.floor((t + s.serverAheadMs) / s.windowMs);
}

/** The local time server-clock window `index` starts, plus the margin. */
export function windowStart(s: WindowClock, index: number): number {
	return index * s.windowMs - (s.serverAheadMs ?? 0) + RESET_MARGIN_MS;
}

export function currentWindow(s: WindowClock, t: number): LimitState['window'] {
	const index = windowIndex(s, t);
	return index === s.window.index ? s.window : { index, sent: 0, answered: 0 };
}
