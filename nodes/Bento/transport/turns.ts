// When a request may go, from what limitState.ts knows: the turns the gate (gate.ts) gives.

import type { LimitState } from './limitStateType';
import {
	countedIn,
	currentWindow,
	nthCounted,
	RESET_MARGIN_MS,
	recent,
	windowIndex,
	windowStart,
} from './windowShapes';
import { emptyLog, logSize } from './answerLog';

/** Requests in flight at once before this process has seen a refusal (the budget is unknown). */
export const LEARNING_IN_FLIGHT = 10;

/**
 * Requests in flight at once once other clients are seen on the account (other n8n processes):
 * when the window fills before this process's budget, only these few are refused.
 */
export const SHARED_IN_FLIGHT = 2;

/**
 * Whether a request sent at `now` goes past what a window let through before (a learning or
 * probing request, or the one that marks a clock window's end): a refusal of it is expected.
 */
export function beyondBudget(s: LimitState, now: number): boolean {
	// Unconfirmed, every request tests the shape's predicted reset.
	if (s.shape === 'unknown' || s.budget === undefined || !s.confirmed) return true;
	if (s.shape === 'clock') {
		const w = currentWindow(s, now);
		return w.sent >= Math.max(s.budget, w.answered);
	}
	return countedIn(s.answered, refusedLog(s), now, s.windowMs) + s.inFlight >= s.budget;
}

/**
 * The earliest local time the request `position` places behind the head of the queue may be
 * sent (`now` or earlier: at once). Infinity when it waits for answers to requests in flight,
 * and its time cannot be told. Under a clock-aligned window each window takes the budget and
 * one request more (it finds out whether Bento lets more through); under a sliding one the
 * budget grows by one for each window without a refusal; under a block it stays.
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
	// A probe that is refused costs a place for a window where refusals count, and a block.
	const probes = s.shape === 'sliding' && s.refusalsCountSince === undefined;
	// One more than the budget after a window without a refusal, never more: a process whose tries
	// are taken must not crowd out another on the account (their windows fill together).
	const growth = probes ? Math.min(1, Math.floor((now - s.refusedAt) / s.windowMs)) : 0;
	const answered = recent(s.answered, open, s.windowMs);
	const refused = recent(refusedLog(s), open, s.windowMs);
	const allowance = Math.max(1, budget + Math.max(0, growth));
	const logged = logSize(answered) + logSize(refused);
	const over = logged + s.inFlight + position - allowance;
	if (over < 0) return open;
	if (over < logged)
		return Math.max(open, nthCounted(answered, refused, over) + s.windowMs + RESET_MARGIN_MS);
	// The head waits for answers to the requests in flight: their times are not known yet.
	if (position === 0 && s.inFlight > 0) return Infinity;
	return open + s.windowMs * (1 + Math.floor((over - logged) / allowance));
}

/**
 * The refusals that hold a place in the window: under a sliding window, always (a limiter that
 * counts them costs a whole window for each one sent past its count, one that does not costs
 * only the second it takes to wait them out); under a block, once Bento showed they do.
 */
function refusedLog(s: LimitState) {
	return s.shape === 'sliding' || s.refusalsCountSince !== undefined ? s.refused : emptyLog();
}
