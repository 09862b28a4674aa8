// What one n8n process knows about one of an account's rate limits, and the one function that
// moves it on. Pure: times are given (local ms), nothing waits here; the gate (gate.ts) asks
// `turnAt` when a request may go and reports what happened with `nextLimitState`.

import { type AnswerLog, appendAnswer, emptyLog, logAt, logSize, recentAnswers } from './answerLog';

/** After a predicted reset, slack for the trip to Bento: a request a moment early counts in the old window. */
export const RESET_MARGIN_MS = 250;

/** Requests in flight at once before this process has seen a refusal (the budget is unknown). */
export const LEARNING_IN_FLIGHT = 10;

/**
 * Requests in flight at once once other clients are seen on the account (other n8n processes):
 * when the window fills before this process's budget, only these few are refused.
 */
export const SHARED_IN_FLIGHT = 2;

// Answered requests remembered: more than any window holds at Bento's pace.
export const MAX_REMEMBERED = 5_000;

/**
 * How the server counts: `clock`, fixed windows aligned to its clock (Rack::Attack: a per-minute
 * limit resets on the server's minute, refused requests count too); `sliding`, at most N answered
 * in any trailing window. `unknown` until the first refusal.
 */
export type WindowShape = 'unknown' | 'clock' | 'sliding';

export interface LimitState {
	readonly windowMs: number;
	readonly shape: WindowShape;
	/**
	 * Whether a request sent at a predicted reset told the shape (answered: right; refused: the
	 * other one). Until then the first such request tests it.
	 */
	readonly confirmed: boolean;
	/** Server clock minus local clock, at least (ms), from Bento's `Date` headers (whole seconds). */
	readonly serverAheadMs?: number;
	/** Requests a window let this process send, as of the last refusal; undefined before one. */
	readonly budget?: number;
	/** When Bento last refused (local ms); a sliding budget grows by one per window without one. */
	readonly refusedAt: number;
	/** Nothing is sent before this local time: a predicted reset, or a Retry-After. */
	readonly closedUntil: number;
	/** Refusals in a row that told nothing about the reset (none of ours in the window, no Date). */
	readonly blindRefusals: number;
	/** Local times of answers in the trailing window, oldest first. */
	readonly answered: AnswerLog;
	/** The server-clock window now counted (index) and this process's sends and answers in it. */
	readonly window: { readonly index: number; readonly sent: number; readonly answered: number };
	readonly inFlight: number;
	/** Whether others use the account too: Bento refused before this process sent its budget. */
	readonly shared: boolean;
}

/** What happened to one request; `at` is the local time it happened, `sentAt` when it left. */
export type Observation =
	| { kind: 'sent'; at: number }
	| { kind: 'answered'; at: number; sentAt: number; serverDateMs?: number }
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
	  };

export function initialLimitState(windowMs: number): LimitState {
	return {
		windowMs,
		shape: 'unknown',
		confirmed: false,
		refusedAt: -Infinity,
		closedUntil: -Infinity,
		blindRefusals: 0,
		answered: emptyLog(),
		window: { index: NaN, sent: 0, answered: 0 },
		inFlight: 0,
		shared: false,
	};
}

/** The index of the server-clock window local time `t` falls in; NaN before any `Date`. */
function windowIndex(s: LimitState, t: number): number {
	return s.serverAheadMs === undefined ? NaN : Math.floor((t + s.serverAheadMs) / s.windowMs);
}

/** The local time server-clock window `index` starts, plus the margin. */
function windowStart(s: LimitState, index: number): number {
	return index * s.windowMs - (s.serverAheadMs ?? 0) + RESET_MARGIN_MS;
}

function currentWindow(s: LimitState, t: number): LimitState['window'] {
	const index = windowIndex(s, t);
	return index === s.window.index ? s.window : { index, sent: 0, answered: 0 };
}

function recent(log: AnswerLog, now: number, windowMs: number): AnswerLog {
	return recentAnswers(log, now, windowMs, MAX_REMEMBERED);
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
		return {
			...next,
			window,
			budget,
			answered,
			blindRefusals: 0,
			confirmed: s.confirmed || tested,
		};
	}

	// A refusal. Retry-After, when sent, always wins and tells nothing about the shape.
	if (o.retryAfterMs !== undefined) {
		const until = o.at + Math.max(o.retryAfterMs, RESET_MARGIN_MS);
		return { ...next, window: w, refusedAt: o.at, closedUntil: Math.max(s.closedUntil, until) };
	}
	const answered = recent(s.answered, o.at, s.windowMs);
	const blind = logSize(answered) === 0;
	const index = windowIndex(next, o.at);
	const clockReset = Number.isNaN(index) ? undefined : windowStart(next, index + 1);
	const slidingReset = blind
		? o.at + s.windowMs * Math.min(1, 2 ** s.blindRefusals / 4)
		: logAt(answered, 0) + s.windowMs + RESET_MARGIN_MS;
	let shape = s.shape;
	let confirmed = s.confirmed;
	if (tested) {
		// Refused right at the predicted reset: Bento counts the other way.
		shape = s.shape === 'clock' ? 'sliding' : 'clock';
		confirmed = true;
	} else if (shape === 'unknown') {
		const clockFirst = clockReset !== undefined && (blind || clockReset <= slidingReset);
		shape = clockFirst ? 'clock' : 'sliding';
	}
	const byClock = shape === 'clock' && clockReset !== undefined;
	const reset = byClock ? (clockReset as number) : slidingReset;
	// Refusals of requests already in flight keep the reset (and its spread) the first one set.
	const closedUntil = s.closedUntil >= reset ? s.closedUntil : reset + (byClock ? o.spreadMs : 0);
	let budget = s.budget;
	// The window filled before our budget was sent (the refused request counted in `sent`).
	const shared = s.shared || (byClock && sentHere && budget !== undefined && w.sent <= budget);
	if (byClock) budget = sentHere ? w.answered : (budget ?? w.answered);
	else if (!blind) budget = logSize(answered);
	return {
		...next,
		shape,
		confirmed,
		budget,
		answered,
		window: w,
		refusedAt: o.at,
		closedUntil,
		shared,
		blindRefusals: !byClock && blind ? s.blindRefusals + 1 : 0,
	};
}

/** Whether the last refusal's wait was a guess (nothing told when the window resets). */
export function resetWasGuessed(s: LimitState): boolean {
	return s.blindRefusals > 0;
}

/**
 * The earliest local time the request `position` places behind the head of the queue may be
 * sent (`now` or earlier: at once). Infinity when it waits for answers to requests in flight,
 * and its time cannot be told. Under a clock-aligned window each window takes the budget and
 * one request more (it finds out whether Bento lets more through); under a sliding one the
 * budget grows by one for each window without a refusal.
 */
export function turnAt(s: LimitState, now: number, position: number): number {
	const open = Math.max(now, s.closedUntil);
	// At a predicted reset whose shape is not confirmed yet, one request tests it; the rest wait.
	const testing = s.shape !== 'unknown' && !s.confirmed && now >= s.closedUntil;
	if (testing && position === 0 && s.inFlight > 0) return Infinity;
	if (s.shape === 'unknown' || s.budget === undefined)
		return s.inFlight + position < LEARNING_IN_FLIGHT ? open : Infinity;
	const budget = s.budget;
	const index = windowIndex(s, open);
	if (s.shape === 'clock' && !Number.isNaN(index)) {
		const w = currentWindow(s, open);
		const left = Math.max(budget, w.answered) + 1 - w.sent;
		if (position === 0 && left > 0 && s.shared && s.inFlight >= SHARED_IN_FLIGHT) return Infinity;
		if (position < left) return open;
		const windows = 1 + Math.floor((position - Math.max(left, 0)) / Math.max(budget, 1));
		return windowStart(s, index + windows);
	}
	// At least one a window: a budget of 0 (others took the window) still tries after each reset.
	const allowance = Math.max(1, budget + Math.max(0, Math.floor((now - s.refusedAt) / s.windowMs)));
	const log = recent(s.answered, open, s.windowMs);
	const logged = logSize(log);
	const over = logged + s.inFlight + position - allowance;
	if (over < 0) return open;
	if (over < logged) return Math.max(open, logAt(log, over) + s.windowMs + RESET_MARGIN_MS);
	// The head waits for answers to the requests in flight: their times are not known yet.
	if (position === 0 && s.inFlight > 0) return Infinity;
	return open + s.windowMs * (1 + Math.floor((over - logged) / allowance));
}
