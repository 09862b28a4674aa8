// The stand-in's limiter shapes and its delivery ledger, driven by a fake clock: no real waiting.
import nock from 'nock';

import { createLimiter, perWindow, type RateLimit } from '../../sandbox/rateLimit';
import type { Delivery, Sandbox } from '../helpers/sandbox';

/* eslint-disable @typescript-eslint/no-require-imports */
const { deliveryOf, recordId } = require('../../sandbox/delivery') as {
	deliveryOf: (records: object[], n: number) => Delivery;
	recordId: (record: object) => number | undefined;
};
const { startBentoSandbox } = require('../../sandbox/server') as {
	startBentoSandbox: (options?: Record<string, unknown>) => Promise<Sandbox>;
};
/* eslint-enable @typescript-eslint/no-require-imports */

const MINUTE = 60_000;
// 2024-05-01T10:00:00Z: a whole minute of the clock.
const T0 = Date.UTC(2024, 4, 1, 10, 0, 0);

/** Asks the limiter at each time; returns which were allowed. */
function run(config: RateLimit, times: number[]) {
	const limiter = createLimiter(config);
	return times.map((at) => limiter.check(at));
}

describe('clock limiter (fixed windows aligned to the clock, every request counts)', () => {
	it('lets `limit` through per clock minute and refuses the rest with no Retry-After', () => {
		// 5 requests at second 50 of a minute, limit 3: 3 pass, 2 refused; at the next minute
		// (10 s later, not 60 s after the first) it lets 3 through again.
		const at50 = T0 + 50_000;
		const answers = run({ limit: 3, windowMs: MINUTE, shape: 'clock' }, [
			at50,
			at50 + 1,
			at50 + 2,
			at50 + 3,
			at50 + 9_999,
			T0 + MINUTE,
			T0 + MINUTE + 1,
			T0 + MINUTE + 2,
			T0 + MINUTE + 3,
		]);
		expect(answers.map((a) => a.allowed)).toEqual([
			true,
			true,
			true,
			false,
			false,
			true,
			true,
			true,
			false,
		]);
		expect(answers.filter((a) => !a.allowed).every((a) => a.retryAfter === undefined)).toBe(true);
	});

	it('counts refused requests too: hammering does not earn a request', () => {
		const limiter = createLimiter({ limit: 2, windowMs: MINUTE, shape: 'clock' });
		const allowed = [];
		for (let i = 0; i < 50; i++) allowed.push(limiter.check(T0 + i * 1000).allowed);
		expect(allowed.filter(Boolean)).toHaveLength(2);
		expect(limiter.check(T0 + MINUTE).allowed).toBe(true);
	});

	it('a shorter window aligns to its own multiples of the clock (10 s for tests)', () => {
		const answers = run({ limit: 1, windowMs: 10_000, shape: 'clock' }, [
			T0 + 9_000,
			T0 + 9_500,
			T0 + 10_000,
			T0 + 19_999,
			T0 + 20_000,
		]);
		expect(answers.map((a) => a.allowed)).toEqual([true, false, true, false, true]);
	});

	it("retryAfter 'auto' gives the whole seconds to the next window; a fixed value is sent as it is", () => {
		const [, auto] = run({ limit: 1, windowMs: MINUTE, shape: 'clock', retryAfter: 'auto' }, [
			T0 + 40_000,
			T0 + 40_500,
		]);
		expect(auto).toEqual({ allowed: false, retryAfter: '20' });
		const [, fixed] = run({ limit: 1, windowMs: MINUTE, shape: 'clock', retryAfter: 7 }, [
			T0,
			T0 + 1,
		]);
		expect(fixed).toEqual({ allowed: false, retryAfter: '7' });
	});
});

describe('sliding limiter (at most `limit` accepted in any trailing window)', () => {
	it('frees a place exactly `windowMs` after each accepted request', () => {
		const answers = run({ limit: 2, windowMs: MINUTE, shape: 'sliding' }, [
			T0 + 50_000,
			T0 + 55_000,
			// A new clock minute does not reset a sliding window.
			T0 + MINUTE + 1_000,
			T0 + 50_000 + MINUTE - 1,
			T0 + 50_000 + MINUTE,
			T0 + 50_000 + MINUTE + 1,
			T0 + 55_000 + MINUTE,
		]);
		expect(answers.map((a) => a.allowed)).toEqual([true, true, false, false, true, false, true]);
	});

	it('refused requests do not count', () => {
		const limiter = createLimiter({ limit: 1, windowMs: 1000, shape: 'sliding' });
		expect(limiter.check(0).allowed).toBe(true);
		for (let at = 1; at < 1000; at += 10) expect(limiter.check(at).allowed).toBe(false);
		expect(limiter.check(1000).allowed).toBe(true);
	});

	it("retryAfter 'auto' is the time until the oldest accepted request leaves the window", () => {
		const answers = run({ limit: 1, windowMs: MINUTE, shape: 'sliding', retryAfter: 'auto' }, [
			T0,
			T0 + 15_500,
		]);
		expect(answers[1]).toEqual({ allowed: false, retryAfter: '45' });
	});
});

describe('from-first limiter (the default: a window opens at the first request)', () => {
	it('is the default shape and keeps its behaviour', () => {
		const limiter = createLimiter({ limit: 2, windowMs: 1000 });
		expect(limiter.shape).toBe('from-first');
		const allowed = [333, 334, 335, 1332, 1333, 1334, 1335].map((at) => limiter.check(at).allowed);
		expect(allowed).toEqual([true, true, false, false, true, true, false]);
	});

	it('refuses an unknown shape and a missing limit', () => {
		expect(() => createLimiter({ limit: 1, windowMs: 1000, shape: 'leaky' as never })).toThrow(
			/Unknown rate-limit shape "leaky"/,
		);
		expect(() => createLimiter({ windowMs: 1000 } as RateLimit)).toThrow(/positive/);
	});
});

describe('perWindow', () => {
	it('counts requests, accepted and 429s per clock-aligned window', () => {
		const windows = perWindow(
			[
				{ at: T0 + 59_000, status: 200 },
				{ at: T0 + 59_500, status: 429 },
				{ at: T0 + MINUTE, status: 200 },
				{ at: T0 + MINUTE + 1, status: 'dropped' },
				{ at: T0 + 3 * MINUTE, status: 429 },
			],
			MINUTE,
		);
		expect(windows).toEqual([
			{ start: T0, requests: 2, accepted: 1, refused: 1, first: T0 + 59_000, last: T0 + 59_500 },
			{
				start: T0 + MINUTE,
				requests: 2,
				accepted: 1,
				refused: 0,
				first: T0 + MINUTE,
				last: T0 + MINUTE + 1,
			},
			{
				start: T0 + 3 * MINUTE,
				requests: 1,
				accepted: 0,
				refused: 1,
				first: T0 + 3 * MINUTE,
				last: T0 + 3 * MINUTE,
			},
		]);
	});
});

describe('delivery ledger', () => {
	it('reads the number from the unique key, else from the email', () => {
		expect(recordId({ details: { unique: { key: 'order-17' } }, email: 'a.3@example.com' })).toBe(
			17,
		);
		expect(recordId({ email: 'customer.42@example.com' })).toBe(42);
		expect(recordId({ email: 'user7@example.com' })).toBe(7);
		expect(recordId({ email: 'nobody@example.com' })).toBeUndefined();
	});

	it('counts missing, once-only and duplicated ids of 0..n-1', () => {
		const records = [0, 1, 1, 1, 3, 4, 9].map((i) => ({ email: `customer.${i}@example.com` }));
		expect(deliveryOf([...records, { email: 'x@example.com' }], 5)).toEqual({
			expected: 5,
			received: 8,
			distinct: 4,
			once: 3,
			missing: 1,
			duplicated: 2,
			unknown: 2,
			firstMissing: [2],
		});
	});
});

describe('the stand-in with a fake clock', () => {
	let now = T0 + 58_000;
	let sandbox: Sandbox;
	const keys = { publishableKey: 'pk_rl', secretKey: 'sk_rl', siteUuid: 'site-rl' };
	const auth = `Basic ${Buffer.from('pk_rl:sk_rl').toString('base64')}`;

	beforeAll(async () => {
		nock.disableNetConnect();
		nock.enableNetConnect('127.0.0.1');
		sandbox = await startBentoSandbox({ ...keys, now: () => now });
	});
	afterAll(async () => {
		await sandbox.close();
		nock.enableNetConnect();
	});

	const post = async (from: number, count: number) =>
		await fetch(`${sandbox.baseUrl}/batch/events?site_uuid=site-rl`, {
			method: 'POST',
			headers: {
				Authorization: auth,
				'User-Agent': 'n8n-nodes-bentonow/test',
				'Content-Type': 'application/json',
			},
			body: JSON.stringify({
				events: Array.from({ length: count }, (_, i) => ({
					type: 't',
					email: `customer.${from + i}@example.com`,
				})),
			}),
		});

	it('answers 429 without Retry-After past the clock limit, every answer dated by its clock', async () => {
		// Set through the control endpoint, as the e2e suites and the benchmark do.
		const set = await fetch(`${sandbox.origin}/__sandbox/rate-limit`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ limit: 2, windowMs: MINUTE, shape: 'clock' }),
		});
		expect(set.status).toBe(200);
		const statuses = [];
		for (const from of [0, 1, 2]) {
			const res = await post(from, 1);
			statuses.push(res.status);
			expect(res.headers.get('date')).toBe(new Date(now).toUTCString());
			if (res.status === 429) expect(res.headers.get('retry-after')).toBeNull();
		}
		expect(statuses).toEqual([200, 200, 429]);
		now = T0 + MINUTE + 1;
		expect((await post(2, 1)).status).toBe(200);
		// A second copy of record 1, and nothing of 3 and 4.
		expect((await post(1, 1)).status).toBe(200);
		expect(sandbox.delivery(5)).toMatchObject({ missing: 2, duplicated: 1, firstMissing: [3, 4] });
		expect(sandbox.perWindow(MINUTE)).toEqual([
			{ start: T0, requests: 3, accepted: 2, refused: 1, first: T0 + 58_000, last: T0 + 58_000 },
			{
				start: T0 + MINUTE,
				requests: 2,
				accepted: 2,
				refused: 0,
				first: T0 + MINUTE + 1,
				last: T0 + MINUTE + 1,
			},
		]);
		const report = (await (
			await fetch(`${sandbox.origin}/__sandbox/delivery?n=3&windowMs=60000`)
		).json()) as Delivery & { windows: unknown[] };
		expect(report).toMatchObject({ missing: 0, duplicated: 1, windows: sandbox.perWindow(MINUTE) });
	});

	it('refuses an unknown shape at the control endpoint', async () => {
		const res = await fetch(`${sandbox.origin}/__sandbox/rate-limit`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ limit: 2, windowMs: MINUTE, shape: 'leaky' }),
		});
		expect(res.status).toBe(400);
	});
});
