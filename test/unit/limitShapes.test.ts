import {
	CLOCK_TEST_BY,
	initialLimitState,
	LONG_BLOCK_TESTS,
	type LimitState,
	nextLimitState,
	RESET_MARGIN_MS,
	turnAt,
} from '../../nodes/Bento/transport/limitState';

// The shapes past clock-aligned and sliding (issue 31): a block once exceeded, and a sliding
// window that counts refused requests, told apart from what Bento's answers and refusals show.
const MINUTE = 60_000;
const T0 = Date.UTC(2026, 11, 3, 10, 0, 30);
const date = (t: number) => Math.floor(t / 1000) * 1000;

function sent(s: LimitState, at: number) {
	return nextLimitState(s, { kind: 'sent', at });
}
function answered(s: LimitState, at: number, beyond = false) {
	return nextLimitState(sent(s, at), {
		kind: 'answered',
		at,
		sentAt: at,
		serverDateMs: date(at),
		beyond,
	});
}
function refused(s: LimitState, at: number, beyond = true) {
	return nextLimitState(sent(s, at), {
		kind: 'refused',
		at,
		sentAt: at,
		serverDateMs: date(at),
		spreadMs: 0,
		beyond,
	});
}

/** 100 answered at T0, the 101st refused at T0 + 1 s: Bento's budget, learned. */
function learned() {
	let s = initialLimitState(MINUTE);
	for (let i = 0; i < 100; i++) s = answered(s, T0, true);
	return refused(s, T0 + 1_000);
}

describe('told apart by refusals at each predicted reset', () => {
	it('clock first (its reset comes early in the window), then sliding, then a block from the first refusal', () => {
		let s = learned();
		expect(s).toMatchObject({ shape: 'clock', closedUntil: T0 + 30_000 + RESET_MARGIN_MS });
		s = refused(s, s.closedUntil);
		expect(s).toMatchObject({ shape: 'sliding', closedUntil: T0 + MINUTE + RESET_MARGIN_MS });
		s = refused(s, s.closedUntil);
		// Blocked since the first refusal, for a window.
		expect(s).toMatchObject({ shape: 'block', tried: ['clock', 'sliding'], budget: 100 });
		expect(s.closedUntil).toBe(T0 + 1_000 + MINUTE + RESET_MARGIN_MS);
		// Refused at the block's end too: a longer block; a few requests a window test it.
		const at = s.closedUntil;
		s = refused(s, at);
		expect(s).toMatchObject({ shape: 'block', confirmed: false });
		const next = at + MINUTE / LONG_BLOCK_TESTS + RESET_MARGIN_MS;
		expect(s.closedUntil).toBe(next);
		expect(turnAt(s, at, 0)).toBe(next);
	});

	it('answered at the block reset: a block, confirmed; its budget stays, with no probing past it', () => {
		let s = learned();
		s = refused(s, s.closedUntil);
		s = refused(s, s.closedUntil);
		const reset = s.closedUntil;
		s = answered(s, reset);
		expect(s).toMatchObject({ shape: 'block', confirmed: true, budget: 100 });
		expect(s.blockedSince).toBeUndefined();
		// Ten windows without a refusal: still 100 a window, not one more.
		const later = reset + 10 * MINUTE;
		expect(turnAt(s, later, 99)).toBe(later);
		expect(turnAt(s, later, 100)).toBeGreaterThan(later);
	});
});

describe('a sliding window that counts refused requests', () => {
	it('a request sent within the count of answers, refused: refusals count from then, the budget stays', () => {
		let s = learned();
		s = refused(s, s.closedUntil);
		s = answered(s, s.closedUntil, true);
		expect(s).toMatchObject({ shape: 'sliding', confirmed: true });
		expect(s.refusalsCountSince).toBeUndefined();
		const at = T0 + MINUTE + 2_000;
		s = refused(s, at, false);
		expect(s).toMatchObject({
			shape: 'sliding',
			confirmed: true,
			refusalsCountSince: at,
			budget: 100,
		});
		// The refusals in the window hold places: fewer turns at once than without them.
		const open = Math.max(at, s.closedUntil);
		const notCounted = { ...s, refused: initialLimitState(MINUTE).refused };
		const atOnce = (state: LimitState) =>
			Array.from({ length: 101 }, (_, p) => turnAt(state, open, p)).filter((t) => t <= open).length;
		expect(atOnce(s)).toBeLessThan(atOnce(notCounted));
	});
});

describe('a clock-aligned reset late in the window', () => {
	// Second 20: the server's next minute is 40 s after the first answers, past CLOCK_TEST_BY.
	const T20 = T0 - 10_000;
	function learnedAt20() {
		let s = initialLimitState(MINUTE);
		for (let i = 0; i < 100; i++) s = answered(s, T20, true);
		return refused(s, T20 + 1_000);
	}

	it('is not tested first: a refused test would hold a place under a sliding window that counts refusals', () => {
		expect(40_000).toBeGreaterThan(CLOCK_TEST_BY * MINUTE);
		const s = learnedAt20();
		expect(s).toMatchObject({ shape: 'sliding', tried: [], budget: 100 });
		expect(s.closedUntil).toBe(T20 + MINUTE + RESET_MARGIN_MS);
	});

	it('refused at the sliding reset, the first request of a clock window this process had not used: neither sliding nor the clock; the budget stays', () => {
		let s = learnedAt20();
		s = refused(s, s.closedUntil);
		expect(s).toMatchObject({ shape: 'block', tried: ['sliding', 'clock'], budget: 100 });
		expect(s.closedUntil).toBe(T20 + 1_000 + MINUTE + RESET_MARGIN_MS);
	});
});
