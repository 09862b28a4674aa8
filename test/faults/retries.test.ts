import { setTimeout } from '@n8n-nodes-bentonow/dev-host/runtime';

import { useFakeClock } from '../helpers/fakeClock';
import { everythingEmitted } from '../helpers/runNode';
import { runAgainst, SANDBOX_SECRETS, type Sandbox, useSandbox } from '../helpers/sandbox';

const sandbox = useSandbox();

const events = (n: number, prefix = 'user') =>
	Array.from({ length: n }, (_, i) => ({
		type: '$purchase',
		email: `${prefix}${i}@example.com`,
		details: { order: i },
	}));

const autoMap = (options: Record<string, unknown> = {}) => ({
	resource: 'event',
	operation: 'create',
	mappingMode: 'autoMapInputData',
	options: { retryDelay: 5, ...options },
});

function expectExactlyOnce(s: Sandbox, sent: Array<{ email: string }>) {
	const counts = new Map<string, number>();
	for (const e of s.state.events) counts.set(e.email, (counts.get(e.email) ?? 0) + 1);
	expect(counts.size).toBe(sent.length);
	expect([...counts.values()].every((c) => c === 1)).toBe(true);
	expect(sent.every((e) => counts.get(e.email) === 1)).toBe(true);
}

/** Waits until the stand-in has finished every request it started (a stalled one included). */
async function settled(s: Sandbox) {
	for (let i = 0; i < 50 && s.state.requests.some((r) => r.status === 0); i++) {
		await new Promise((r) => setTimeout(r, 20));
	}
}

function expectNoSecret(text: string) {
	for (const secret of SANDBOX_SECRETS) expect(text).not.toContain(secret);
}

beforeEach(() => {
	const s = sandbox();
	s.state.requests.length = 0;
	s.state.events.length = 0;
	s.setFaults([]);
	s.setRateLimit(undefined);
});

describe('transient faults are retried per request: every event arrives exactly once', () => {
	const clock = useFakeClock();
	it('429 without Retry-After, a burst of 500/502/503/504, a dropped connection and a slow answer', async () => {
		const s = sandbox();
		s.setFaults([
			{ delayMs: 400 }, // longer than the 150 ms timeout: Bento never processes it
			{ status: 429 },
			{ status: 429 },
			{ status: 500 },
			{ status: 502 },
			{ drop: true },
			{ status: 503 },
			{ status: 504 },
		]);
		const items = events(5000);
		const started = Date.now();
		const result = await runAgainst(s, {
			parameters: autoMap({ timeout: 150, maxRetries: 10 }),
			items,
		});

		expect(result.error).toBeUndefined();
		await settled(s);
		expectExactlyOnce(s, items);
		expect(s.summary().byStatus).toMatchObject({ 200: 5, 429: 2, 500: 1, 502: 1, 503: 1, 504: 1 });
		expect(s.state.requests.filter((r) => r.status === 'dropped')).toHaveLength(1);
		expect(s.state.requests.filter((r) => r.status === 'timed out')).toHaveLength(1);
		expect(result.outputs[0]).toHaveLength(5000);
		expect(result.outputs[0][0].json.batch).toEqual({
			number: 1,
			count: 5,
			size: 1000,
			attempts: 9,
		});
		expect(Date.now() - started).toBeLessThan(15_000);
	});

	it('honours Retry-After from a 429', async () => {
		const s = sandbox();
		s.setFaults([{ status: 429, headers: { 'Retry-After': '1' } }]);
		const result = await runAgainst(s, { parameters: autoMap(), items: events(10) });
		expect(result.error).toBeUndefined();
		expect(clock.waits).toEqual([1000]);
		expectExactlyOnce(s, events(10));
	});

	it('retries a refused connection and then reports it without secrets', async () => {
		const s = sandbox();
		const closedPort = `http://127.0.0.1:1/api/v1`;
		const result = await runAgainst(s, {
			parameters: autoMap({ maxRetries: 2 }),
			items: events(3),
			credentials: { baseUrl: closedPort },
		});
		expect(result.error?.message).toBe(
			'Batch 1 of 1 (items 0-2) failed: Could not reach Bento (ECONNREFUSED): The service refused the connection - perhaps it is offline (after 3 attempts)',
		);
		expect(result.error?.httpCode).toBe('ECONNREFUSED');
		expectNoSecret(everythingEmitted(result));
	});
});

describe('permanent errors are not retried', () => {
	it.each([
		[401, { error: 'Invalid authentication credentials' }],
		[403, '<html><body>Forbidden</body></html>'],
		[400, { error: 'Bad body' }],
		[422, { error: 'Not allowed' }],
	])('%i: one request, one clear error, nothing after it sent', async (status, body) => {
		const s = sandbox();
		s.setFaults([{}, { status, body }]);
		const result = await runAgainst(s, { parameters: autoMap(), items: events(3000) });
		expect(s.state.requests).toHaveLength(2);
		expect(s.state.events).toHaveLength(1000);
		expect(result.error?.message).toMatch(
			new RegExp(`^Batch 2 of 3 \\(items 1000-1999\\) failed: Bento answered ${status}`),
		);
		expect(result.error?.description).toContain(
			'Delivered: batch 1 (items 0-999). Not delivered: batches 2-3 (items 1000-2999).',
		);
		expectNoSecret(everythingEmitted(result));
	});

	it('wrong keys: 401 with a clear message and no secret anywhere', async () => {
		const s = sandbox();
		const result = await runAgainst(s, {
			parameters: autoMap(),
			items: events(2),
			credentials: { secretKey: 'sk_wrong_SECRET_zzz' },
		});
		expect(s.state.requests).toHaveLength(1);
		expect(result.error?.message).toBe(
			'Batch 1 of 1 (items 0-1) failed: Bento answered 401: Invalid authentication credentials',
		);
		const emitted = everythingEmitted(result);
		expect(emitted).not.toContain('sk_wrong_SECRET_zzz');
		expectNoSecret(emitted);
	});

	it('with Continue On Fail, a refused batch becomes error items and later batches are still sent', async () => {
		const s = sandbox();
		s.setFaults([{}, { status: 400, body: { error: 'Bad body' } }]);
		const items = events(3000);
		const result = await runAgainst(s, {
			parameters: autoMap(),
			items,
			onError: 'continueErrorOutput',
		});
		const [main, errors] = result.outputs;
		expect(main).toHaveLength(2000);
		expect(errors).toHaveLength(1000);
		expect(errors.map((i) => i.pairedItem)).toEqual(
			items.slice(1000, 2000).map((_, k) => ({ item: 1000 + k })),
		);
		// The error output carries the undelivered input items themselves, ready for a retry branch.
		expect(errors[0].json).toEqual({
			...items[1000],
			error: expect.stringContaining('Batch 2 of 3 (items 1000-1999) failed'),
		});
		expectExactlyOnce(s, [...items.slice(0, 1000), ...items.slice(2000)]);
		expectNoSecret(everythingEmitted(result));
	});
});

describe('a fault that outlasts the retries', () => {
	it('reports which batches were delivered and which were not, and resends nothing', async () => {
		const s = sandbox();
		s.setFaults([{}, {}, { status: 503 }, { status: 503 }, { status: 503 }]);
		const items = events(5000);
		const result = await runAgainst(s, { parameters: autoMap({ maxRetries: 2 }), items });
		expect(result.error?.name).toBe('NodeApiError');
		expect(result.error?.message).toBe(
			'Batch 3 of 5 (items 2000-2999) failed: Bento answered 503: Scripted 503 (after 3 attempts)',
		);
		expect(result.error?.httpCode).toBe('503');
		expect(result.error?.description).toContain(
			'Delivered: batches 1-2 (items 0-1999). Not delivered: batches 3-5 (items 2000-4999).',
		);
		expect(s.state.requests).toHaveLength(5);
		expectExactlyOnce(s, items.slice(0, 2000));
		expectNoSecret(everythingEmitted(result));
	});

	it('stops waiting when the wait would pass the retry budget', async () => {
		const s = sandbox();
		s.setFaults([{ status: 429, headers: { 'Retry-After': '3600' } }]);
		const started = Date.now();
		const result = await runAgainst(s, { parameters: autoMap(), items: events(2) });
		expect(Date.now() - started).toBeLessThan(5000);
		expect(result.error?.message).toContain(
			'Bento allows 100 requests a minute per account (/batch, /fetch, /experimental). Try again after',
		);
		expect(s.state.requests).toHaveLength(1);
	});
});

describe('ambiguous failures and the Unique Key', () => {
	it('a timeout after Bento accepted the body resends it, and the unique keys make that safe', async () => {
		const s = sandbox();
		s.setFaults([{ accept: true, delayMs: 500 }]);
		const items = events(20).map((e, i) => ({ ...e, order_id: `order-${i}` }));
		const result = await runAgainst(s, {
			parameters: {
				resource: 'event',
				operation: 'create',
				mappingMode: 'defineBelow',
				eventType: '$purchase',
				email: '={{ $json.email }}',
				details: '={{ { value: { amount: 100, currency: "USD" } } }}',
				options: { retryDelay: 5, timeout: 150, uniqueKey: '={{ $json.order_id }}' },
			},
			items,
		});
		expect(result.error).toBeUndefined();
		// Bento got the batch twice; every copy carries the same keys, so it counts each purchase once.
		expect(s.state.events).toHaveLength(40);
		const keys = new Set(s.state.events.map((e) => e.details?.unique?.key));
		expect([...keys].sort()).toEqual(items.map((i) => i.order_id).sort());
		expect(s.summary().duplicateUniqueKeys).toBe(20);
	});
});

describe('pacing at a fixed Requests Per Minute', () => {
	const clock = useFakeClock();

	it('spaces requests to the Requests Per Minute option', async () => {
		const s = sandbox();
		// Requests take no time on this clock, so each wait is the whole spacing however busy the
		// machine running the test is.
		clock.frozenAt = Date.now();
		await runAgainst(s, {
			parameters: autoMap({ batchSize: 10, requestsPerMinute: 600 }),
			items: events(60),
		});
		expect(s.state.requests).toHaveLength(6);
		// 600 per minute is one request every 100 ms: each later start waits its 100 ms.
		expect(clock.waits).toHaveLength(5);
		for (const wait of clock.waits) {
			expect(wait).toBeGreaterThan(90);
			expect(wait).toBeLessThanOrEqual(100);
		}
	});
});

describe('pacing under a real limiter', () => {
	it('stays under a rate limit that would otherwise answer 429', async () => {
		const s = sandbox();
		s.setRateLimit({ limit: 5, windowMs: 1000 });
		// 240 per minute is 4 per second: under the limit of 5 per second.
		const items = events(80);
		const result = await runAgainst(s, {
			parameters: autoMap({ batchSize: 10, requestsPerMinute: 240 }),
			items,
		});
		expect(result.error).toBeUndefined();
		expect(s.summary().byStatus).toEqual({ 200: 8 });
		expectExactlyOnce(s, items);
	});
});

describe('cancellation', () => {
	it('a cancelled execution stops waiting and sends nothing more', async () => {
		const s = sandbox();
		s.setFaults([{}, { status: 429, headers: { 'Retry-After': '60' } }]);
		const started = Date.now();
		// Cancelled once the 429 has been answered, whatever the machine's speed: the node is then
		// waiting out its Retry-After.
		const refused = new Promise<void>((resolve) => {
			const check = () => (s.state.requests.length >= 2 ? resolve() : setTimeout(check, 10));
			check();
		});
		const result = await runAgainst(s, {
			parameters: autoMap(),
			items: events(3000),
			cancelWhen: refused.then(() => new Promise((r) => setTimeout(r, 50))),
		});
		await new Promise((r) => setTimeout(r, 200));
		expect(Date.now() - started).toBeLessThan(5000);
		expect(s.state.requests).toHaveLength(2);
		expect(s.state.events).toHaveLength(1000);
		expect(result.run.status === 'canceled' || result.error !== undefined).toBe(true);
	});
});
