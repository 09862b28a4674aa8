// What one n8n process knows about one of an account's rate limits, and the one function that
// moves it on. Pure: times are given (local ms), nothing waits here; the gate (gate.ts) asks
// `turnAt` when a request may go and reports what happened with `nextLimitState`.

import { appendAnswer, emptyLog, logSize } from './answerLog';
import type { LimitState } from './limitStateType';
import {
	currentWindow,
	nthCounted,
	RESET_MARGIN_MS,
	RESET_SPREAD_MS,
	recent,
	untriedReset,
	windowIndex,
	windowStart,
} from './windowShapes';

export { LEARNING_IN_FLIGHT, SHARED_IN_FLIGHT, beyondBudget, turnAt } from './turns';
export { MAX_REMEMBERED, RESET_MARGIN_MS } from './windowShapes';
export type { LimitState, WindowShape } from './limitStateType';

/** What happened to one request; `at` is the local time it happened, `sentAt` when it left. */
export type Observation =
	| { kind: 'sent'; at: number }
	| { kind: 'answered'; at: number; sentAt: number; serverDateMs?: number; beyond?: boolean }
	/** No answer (a network failure): it tells nothing about the limit. */
	| { kind: 'failed'; at: number; sentAt: number }
	/** Given a turn, then not sent (its execution was cancelled): its place in the window is free. */
	| { kind: 'unsent'; at: number; sentAt: number }
	| {
			kind: 'refused';
			at: number;
			sentAt: number;
			serverDateMs?: number;
			retryAfterMs?: number;
			/** Added to a clock-aligned reset so that processes do not all come back at once. */
			spreadMs: number;
			/** Sent past the learned budget (see beyondBudget): its refusal was to be expected. */
			beyond?: boolean;
	  };

/**
 * How far into the sliding window (a share of it, from its oldest request) a clock-aligned reset
 * may come and still be tested. Testing one that is refused costs a limit that slides and counts
 * refusals up to that much of a window, once, on a burst that fills its windows exactly; not
 * testing costs a clock-aligned limit the rest of the window. 0.55 keeps either under 1.3x the
 * floor for a burst of three windows (the worst case: more windows share the cost).
 */
export const CLOCK_TEST_BY = 0.55;

/** Requests a window that test whether a block longer than the window is over. */
export const LONG_BLOCK_TESTS = 4;

/**
 * How long before another shape's reset a clock reset must come to be tested (ms): see
 * untriedReset. A block's end is told from the clock's by the spread and margin of a reset.
 */
function testApart(windowMs: number) {
	return { sliding: (1 - CLOCK_TEST_BY) * windowMs, block: RESET_SPREAD_MS + RESET_MARGIN_MS };
}

export function initialLimitState(windowMs: number): LimitState {
	return {
		windowMs,
		shape: 'unknown',
		confirmed: false,
		tried: [],
		refusedAt: -Infinity,
		closedUntil: -Infinity,
		closedByServer: false,
		blindRefusals: 0,
		answered: emptyLog(),
		refused: emptyLog(),
		window: { index: NaN, sent: 0, answered: 0 },
		inFlight: 0,
		shared: false,
	};
}

/** A `Date` (whole seconds) stamped before `at`: the server was at least `date - at` ahead. */
function ahead(s: LimitState, at: number, date?: number): number | undefined {
	if (date === undefined || !Number.isFinite(date)) return s.serverAheadMs;
	return Math.max(s.serverAheadMs ?? -Infinity, date - at);
}

/** The state after `o`. */
export function nextLimitState(s: LimitState, o: Observation): LimitState {
	if (o.kind === 'sent') {
		const w = currentWindow(s, o.at);
		return { ...s, window: { ...w, sent: w.sent + 1 }, inFlight: s.inFlight + 1 };
	}
	const inFlight = Math.max(0, s.inFlight - 1);
	if (o.kind === 'failed') return { ...s, inFlight };
	if (o.kind === 'unsent') {
		const w = s.window;
		const sentHere = windowIndex(s, o.sentAt) === w.index;
		return { ...s, inFlight, window: sentHere ? { ...w, sent: Math.max(0, w.sent - 1) } : w };
	}
	const tested = s.shape !== 'unknown' && !s.confirmed && o.sentAt >= s.closedUntil;
	const serverAheadMs = ahead(s, o.at, o.serverDateMs);
	const next = { ...s, inFlight, serverAheadMs };
	const w = currentWindow(next, o.at);
	const sentHere = windowIndex(next, o.sentAt) === w.index;

	if (o.kind === 'answered') {
		const window = sentHere ? { ...w, answered: w.answered + 1 } : w;
		const budget =
			s.shape === 'clock' && s.budget !== undefined
				? Math.max(s.budget, window.answered)
				: s.budget;
		const answered = recent(appendAnswer(s.answered, o.at), o.at, s.windowMs);
		// Taken though sent after the block's first refusal: the block is over.
		const over = s.blockedSince !== undefined && o.sentAt > s.blockedSince;
		return {
			...next,
			window,
			budget,
			answered,
			blindRefusals: 0,
			blockedSince: over ? undefined : s.blockedSince,
			confirmed: s.confirmed || tested,
			tried: s.confirmed || tested ? [] : s.tried,
		};
	}
	const refused = recent(appendAnswer(s.refused, o.at), o.at, s.windowMs);
	const blockedSince = s.blockedSince ?? o.at;
	// A refusal. Retry-After, when sent, always wins and tells nothing about the shape.
	if (o.retryAfterMs !== undefined) {
		const until = o.at + Math.max(o.retryAfterMs, RESET_MARGIN_MS);
		const later = until > s.closedUntil;
		return {
			...next,
			window: w,
			refused,
			blockedSince,
			refusedAt: o.at,
			closedUntil: later ? until : s.closedUntil,
			closedByServer: later || s.closedByServer,
		};
	}
	const answered = recent(s.answered, o.at, s.windowMs);
	const blind = logSize(answered) === 0;
	const index = windowIndex(next, o.at);
	const resets = {
		clock: Number.isNaN(index) ? undefined : windowStart(next, index + 1),
		sliding: blind
			? o.at + s.windowMs * Math.min(1, 2 ** s.blindRefusals / 4)
			: nthCounted(answered, s.refused, 0) + s.windowMs + RESET_MARGIN_MS,
		// A block began at its first refusal; one as old as a window lasts longer: wait a window more.
		block: Math.max(blockedSince, o.at - s.windowMs) + s.windowMs + RESET_MARGIN_MS,
	};
	let { shape, confirmed, tried } = s;
	// Refused though sent within the count (answers and refusals) Bento let through before: others
	// take part of the window, and the line stops trying for more; a second time, a block.
	const surprise = confirmed && shape === 'sliding' && o.beyond === false;
	const since = s.refusalsCountSince;
	const refusalsCountSince = surprise && since === undefined ? o.at : since;
	const blocks = surprise && since !== undefined && o.sentAt > since;
	if (tested || blocks || (confirmed && shape === 'block')) {
		// Refused at the predicted reset: Bento counts another way; try the next shape's reset.
		tried = shape === 'unknown' || tried.includes(shape) ? tried : [...tried, shape];
		// The first request of a clock window that this process had not used, refused: not the clock.
		const freshWindow = sentHere && w.sent <= 1 && w.answered === 0 && !s.shared;
		if (freshWindow && !tried.includes('clock') && o.sentAt >= windowStart(next, index))
			tried = [...tried, 'clock'];
		const untried = untriedReset(resets, tried, testApart(s.windowMs));
		shape = untried?.shape ?? 'block';
		// Every shape refused at its reset: a block longer than a window; tested a few times a window.
		if (!untried) resets.block = o.at + s.windowMs / LONG_BLOCK_TESTS + RESET_MARGIN_MS;
		confirmed = false;
	} else if (shape === 'unknown') {
		// The first refusal: the clock's reset or the sliding one (a block is told by both refused).
		const clockFirst =
			resets.clock !== undefined &&
			(blind || untriedReset(resets, ['block'], testApart(s.windowMs))?.shape === 'clock');
		shape = clockFirst ? 'clock' : 'sliding';
	}
	const byClock = shape === 'clock' && resets.clock !== undefined;
	const reset = byClock ? (resets.clock as number) : resets[shape === 'clock' ? 'sliding' : shape];
	// Refusals of requests already in flight keep the reset (and its spread) the first one set.
	const keep = s.closedUntil >= reset;
	const closedUntil = keep ? s.closedUntil : reset + (byClock ? o.spreadMs : 0);
	let budget = s.budget;
	// The window filled before our budget was sent (the refused request counted in `sent`).
	const shared = s.shared || (byClock && sentHere && budget !== undefined && w.sent <= budget);
	// Counted in this clock window; a test refused before any answer in it tells nothing.
	if (byClock)
		budget =
			sentHere && (w.answered > 0 || o.beyond === false) ? w.answered : (budget ?? w.answered);
	// Only a refusal within the count lowers a sliding budget: not one that tested a reset or
	// went past the budget, nor one explained by others taking part of the window.
	else if (shape === 'sliding' && !blind && !surprise && o.beyond === false)
		budget = logSize(answered);
	else if (!blind) budget ??= logSize(answered);
	return {
		...next,
		shape,
		confirmed,
		tried,
		budget,
		answered,
		refused,
		refusalsCountSince,
		blockedSince,
		window: w,
		refusedAt: o.at,
		closedUntil,
		closedByServer: keep && s.closedByServer,
		shared,
		blindRefusals: !byClock && blind ? s.blindRefusals + 1 : 0,
	};
}

/** Whether the last refusal's wait was a guess (nothing told when the window resets). */
export function resetWasGuessed(s: LimitState): boolean {
	return s.blindRefusals > 0;
}
