import type { Clock } from '../../nodes/Bento/transport/clock';
import {
	accountKey,
	GATE_IDLE_FORGET_MS,
	gateFor,
	MAX_GATES,
} from '../../nodes/Bento/transport/gates';
import {
	initialLimitState,
	LEARNING_IN_FLIGHT,
	nextLimitState,
	RESET_MARGIN_MS,
	SHARED_IN_FLIGHT,
	turnAt,
} from '../../nodes/Bento/transport/limitState';
import { rateLimitFamilyOf } from '../../nodes/Bento/transport/rateLimit';

const MINUTE = 60_000;
// Second 30: a clock reset 30 s away is soon enough to be tested first (CLOCK_TEST_BY).
const T0 = Date.UTC(2026, 11, 3, 10, 0, 30);

function fakeClock(): Clock & { at: number } {
	const clock = {
		at: T0,
		now: () => clock.at,
		wait: async () => {},
		random: () => 0,
	};
	return clock;
}

describe('accountKey', () => {
	it('is a SHA-256 of API root and site UUID, never the raw values', () => {
		const key = accountKey('https://app.bentonow.com/api/v1', 'site-uuid-123');
		expect(key).toMatch(/^[0-9a-f]{64}$/);
		expect(key).not.toContain('site-uuid-123');
		expect(accountKey('https://app.bentonow.com/api/v1', ' site-uuid-123 ')).toBe(key);
		expect(accountKey('https://other.example/api/v1', 'site-uuid-123')).not.toBe(key);
	});
});

describe('the registry of gates', () => {
	const minute = rateLimitFamilyOf('/batch/events');
	const hour = rateLimitFamilyOf('/stats/site');

	it('one gate per account and family, the same for every run', () => {
		const clock = fakeClock();
		const a = gateFor('account-a', minute, clock);
		expect(gateFor('account-a', minute, clock)).toBe(a);
		expect(gateFor('account-a', hour, clock)).not.toBe(a);
		expect(gateFor('account-b', minute, clock)).not.toBe(a);
	});

	it('forgets an idle account (what it learned too), keeps a busy one', async () => {
		const clock = fakeClock();
		const idle = gateFor('idle', minute, clock);
		const busy = gateFor('busy', minute, clock);
		const turn = await busy.turn(busy.place(), { maxWaitMs: MINUTE });
		expect('sentAt' in turn).toBe(true);
		clock.at += GATE_IDLE_FORGET_MS + 1;
		gateFor('someone-else', minute, clock);
		expect(gateFor('idle', minute, clock)).not.toBe(idle);
		// Its request is still in flight: forgetting it would lose what it is about to learn.
		expect(gateFor('busy', minute, clock)).toBe(busy);
	});

	it('holds at most MAX_GATES gates', () => {
		const clock = fakeClock();
		const first = gateFor('account-0', minute, clock);
		for (let i = 1; i <= MAX_GATES; i++) {
			clock.at += 1;
			gateFor(`account-${i}`, minute, clock);
		}
		// The least recently used went first.
		expect(gateFor('account-0', minute, clock)).not.toBe(first);
	});
});

describe('nextLimitState and turnAt (clock-aligned, 100 a minute)', () => {
	const date = (t: number) => Math.floor(t / 1000) * 1000;

	function afterFirstWindow() {
		let s = initialLimitState(MINUTE);
		for (let i = 0; i < 100; i++) {
			s = nextLimitState(s, { kind: 'sent', at: T0 });
			s = nextLimitState(s, { kind: 'answered', at: T0, sentAt: T0, serverDateMs: date(T0) });
		}
		s = nextLimitState(s, { kind: 'sent', at: T0 });
		return nextLimitState(s, {
			kind: 'refused',
			at: T0,
			sentAt: T0,
			serverDateMs: date(T0),
			spreadMs: 0,
		});
	}

	it('before a refusal: at most LEARNING_IN_FLIGHT in flight, no turn predicted', () => {
		let s = initialLimitState(MINUTE);
		for (let i = 0; i < LEARNING_IN_FLIGHT; i++) {
			expect(turnAt(s, T0, 0)).toBe(T0);
			s = nextLimitState(s, { kind: 'sent', at: T0 });
		}
		expect(turnAt(s, T0, 0)).toBe(Infinity);
	});

	it("a refusal closes the line until the server's next minute; the budget is what was answered", () => {
		const s = afterFirstWindow();
		const reset = T0 + 30_000 + RESET_MARGIN_MS;
		expect(s).toMatchObject({ shape: 'clock', budget: 100, closedUntil: reset, inFlight: 0 });
		expect(turnAt(s, T0, 0)).toBe(reset);
		// Predicted turns: 100 and one more a window (the one that tries for more).
		expect(turnAt(s, T0, 100)).toBe(reset);
		expect(turnAt(s, T0, 101)).toBe(reset + MINUTE);
		expect(turnAt(s, T0, 250)).toBe(reset + 2 * MINUTE);
	});

	it('at the reset one request tests the shape; its answer lets the rest of the window go', () => {
		let s = afterFirstWindow();
		const reset = s.closedUntil;
		s = nextLimitState(s, { kind: 'sent', at: reset });
		expect(turnAt(s, reset, 0)).toBe(Infinity);
		s = nextLimitState(s, {
			kind: 'answered',
			at: reset,
			sentAt: reset,
			serverDateMs: date(reset),
		});
		expect(s.confirmed).toBe(true);
		expect(turnAt(s, reset, 0)).toBe(reset);
		expect(turnAt(s, reset, 99)).toBe(reset);
		expect(turnAt(s, reset, 100)).toBe(reset + MINUTE);
	});

	it('refused at the predicted reset: the window slides; it waits for our oldest answer to leave it', () => {
		let s = afterFirstWindow();
		const reset = s.closedUntil;
		s = nextLimitState(s, { kind: 'sent', at: reset });
		s = nextLimitState(s, {
			kind: 'refused',
			at: reset,
			sentAt: reset,
			serverDateMs: date(reset),
			spreadMs: 0,
		});
		// Not aligned to the clock: the sliding window's reset is tried next (one request tests it).
		expect(s).toMatchObject({ shape: 'sliding', confirmed: false, tried: ['clock'], budget: 100 });
		expect(s.closedUntil).toBe(T0 + MINUTE + RESET_MARGIN_MS);
	});

	it('refused before this process sent its budget: others use the account; two in flight at most', () => {
		let s = afterFirstWindow();
		const reset = s.closedUntil;
		s = nextLimitState(s, { kind: 'sent', at: reset });
		s = nextLimitState(s, {
			kind: 'answered',
			at: reset,
			sentAt: reset,
			serverDateMs: date(reset),
		});
		expect(s.shared).toBe(false);
		for (let i = 0; i < 40; i++) {
			s = nextLimitState(s, { kind: 'sent', at: reset });
			s = nextLimitState(s, { kind: 'answered', at: reset, sentAt: reset });
		}
		s = nextLimitState(s, { kind: 'sent', at: reset });
		s = nextLimitState(s, {
			kind: 'refused',
			at: reset,
			sentAt: reset,
			serverDateMs: date(reset),
			spreadMs: 0,
		});
		expect(s).toMatchObject({ shared: true, budget: 41, inFlight: 0 });
		const next = s.closedUntil;
		expect(next).toBe(reset + MINUTE);
		for (let i = 0; i < SHARED_IN_FLIGHT; i++) {
			expect(turnAt(s, next, 0)).toBe(next);
			s = nextLimitState(s, { kind: 'sent', at: next });
		}
		expect(turnAt(s, next, 0)).toBe(Infinity);
	});

	it('Retry-After wins, and tells nothing about the shape', () => {
		let s = initialLimitState(MINUTE);
		s = nextLimitState(s, { kind: 'sent', at: T0 });
		s = nextLimitState(s, {
			kind: 'refused',
			at: T0,
			sentAt: T0,
			serverDateMs: date(T0),
			retryAfterMs: 7_000,
			spreadMs: 500,
		});
		expect(s).toMatchObject({ shape: 'unknown', closedUntil: T0 + 7_000 });
		expect(turnAt(s, T0, 0)).toBe(T0 + 7_000);
	});

	it('a cancelled turn gives its place in the window back', () => {
		let s = afterFirstWindow();
		const reset = s.closedUntil;
		s = nextLimitState(s, { kind: 'sent', at: reset });
		s = nextLimitState(s, {
			kind: 'answered',
			at: reset,
			sentAt: reset,
			serverDateMs: date(reset),
		});
		s = nextLimitState(s, { kind: 'sent', at: reset });
		const sent = s.window.sent;
		s = nextLimitState(s, { kind: 'unsent', at: reset, sentAt: reset });
		expect(s.window.sent).toBe(sent - 1);
		expect(s.inFlight).toBe(0);
	});
});

describe('a gate keeps no timer alive when nobody waits', () => {
	it("the head's wait for the reset is stopped when its execution is cancelled", async () => {
		const waits: AbortSignal[] = [];
		const clock = {
			...fakeClock(),
			wait: (_ms: number, signal?: AbortSignal) =>
				new Promise<void>((resolve) => {
					if (signal) waits.push(signal);
					signal?.addEventListener('abort', () => resolve(), { once: true });
				}),
		};
		clock.now = () => T0;
		const gate = gateFor('account', rateLimitFamilyOf('/batch/events'), clock);
		const first = await gate.turn(gate.place(), { maxWaitMs: MINUTE });
		if (!('sentAt' in first)) throw new Error('no turn');
		gate.settle(first.sentAt, { kind: 'refused', retryAfterMs: 30_000 }, T0);
		const cancel = new AbortController();
		const waiting = gate.turn(gate.place(), { maxWaitMs: MINUTE, signal: cancel.signal });
		expect(waits).toHaveLength(1);
		expect(waits[0].aborted).toBe(false);
		cancel.abort();
		await expect(waiting).resolves.toEqual({ cancelled: true });
		expect(waits[0].aborted).toBe(true);
		expect(gate.idle).toBe(true);
	});
});
