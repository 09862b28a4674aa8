import { setTimeout } from '@n8n-nodes-bentonow/dev-host/runtime';

import nock from 'nock';

import * as batching from '../../../nodes/Bento/engines/batchDelivery/batching';
import { USER_AGENT } from '../../../nodes/Bento/transport/userAgent';
import { useFakeClock } from '../../helpers/fakeClock';
import { BENTO_ORIGIN, basicAuthHeader, mockBatchEvents, SECRETS } from '../../helpers/mockBento';
import { everythingEmitted, runBentoNode, TEST_CREDENTIALS } from '../../helpers/runNode';
import { autoMap, defineBelow } from '../../helpers/eventParameters';

// 429 waits last a rate-limit window: the transport's clock is faked, so they take no time.
const clock = useFakeClock();

const people = (n: number) =>
	Array.from({ length: n }, (_, i) => ({ type: 'signed_up', email: `user${i}@example.com` }));

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

describe('Create Events: what goes out', () => {
	it('maps items with expressions and sends one authenticated request', async () => {
		const { requests } = mockBatchEvents();
		const { outputs, error } = await runBentoNode({
			parameters: defineBelow({ date: '={{ $json.at }}' }),
			items: [
				{
					kind: '$purchase',
					mail: ' ann@example.com ',
					name: 'Ann',
					order: 'o-1',
					at: '2024-05-01T10:30:00Z',
				},
				{
					kind: 'signed_up',
					mail: 'bob@example.com',
					name: 'Bob',
					order: 'o-2',
					at: 1714559400000,
				},
			],
		});

		expect(error).toBeUndefined();
		expect(requests).toHaveLength(1);
		const [request] = requests;
		expect(request.body).toEqual({
			events: [
				{
					type: '$purchase',
					email: 'ann@example.com',
					fields: { first_name: 'Ann' },
					details: { order: { id: 'o-1', lines: [1, 2] } },
					date: '2024-05-01T10:30:00Z',
				},
				{
					type: 'signed_up',
					email: 'bob@example.com',
					fields: { first_name: 'Bob' },
					details: { order: { id: 'o-2', lines: [1, 2] } },
					date: '2024-05-01T10:30:00.000Z',
				},
			],
		});
		expect(request.headers.authorization).toBe(basicAuthHeader);
		expect(request.query).toEqual({ site_uuid: TEST_CREDENTIALS.siteUuid });
		expect(request.headers['user-agent']).toBe(USER_AGENT);
		expect(request.headers['content-type']).toMatch(/^application\/json/);
		expect(USER_AGENT).not.toContain(TEST_CREDENTIALS.siteUuid);

		// One item per input, paired to it, with the event as sent (checked above) and its batch.
		expect(outputs[0]).toEqual(
			request.body.events.map((event, item) => ({
				json: {
					event,
					results: 2,
					failed: 0,
					batch: { number: 1, count: 1, size: 2, attempts: 1 },
				},
				pairedItem: { item },
			})),
		);
	});

	it('omits empty optional parameters', async () => {
		const { requests } = mockBatchEvents();
		await runBentoNode({
			parameters: defineBelow({ fields: '{}', details: '', date: '' }),
			items: [{ kind: '$subscribe', mail: 'ann@example.com' }],
		});
		expect(requests[0].body.events).toEqual([{ type: '$subscribe', email: 'ann@example.com' }]);
	});

	it.each([
		[0, []],
		[1, [1]],
		[1000, [1000]],
		[1001, [1000, 1]],
		[2500, [1000, 1000, 500]],
	])('sends %i items in requests of %p events, in input order', async (count, sizes) => {
		const { requests } = mockBatchEvents();
		const { outputs, error } = await runBentoNode({ parameters: autoMap(), items: people(count) });

		expect(error).toBeUndefined();
		expect(requests.map((r) => r.body.events.length)).toEqual(sizes);
		const sent = requests.flatMap((r) => r.body.events.map((e) => e.email));
		expect(sent).toEqual(people(count).map((p) => p.email));
		const main = outputs[0] ?? [];
		expect(main).toHaveLength(count);
		main.forEach((item, i) => expect(item.pairedItem).toEqual({ item: i }));
		if (count === 2500)
			expect(main[2499].json.batch).toEqual({ number: 3, count: 3, size: 500, attempts: 1 });
	});

	it('honours the Batch Size option', async () => {
		const { requests } = mockBatchEvents();
		await runBentoNode({ parameters: autoMap({ batchSize: 100 }), items: people(250) });
		expect(requests.map((r) => r.body.events.length)).toEqual([100, 100, 50]);
	});

	it('serializes each batch while Bento handles the one before it, once per batch', async () => {
		const order: string[] = [];
		const encode = jest.spyOn(batching, 'encodeBatch');
		encode.mockImplementation((key, records, batch) => {
			order.push(`encode ${batch.start}-${batch.end}`);
			return Buffer.from(JSON.stringify({ [key]: records.slice(batch.start, batch.end) }));
		});
		let answered = 0;
		// The first answer fails with a 503: its retry must resend the same bytes, not re-encode.
		nock(BENTO_ORIGIN)
			.post('/api/v1/batch/events')
			.query(true)
			.times(4)
			.reply((_uri, body, reply) => {
				const events = (body as { events: Array<{ email: string }> }).events;
				const n = ++answered;
				order.push(`request ${n}: ${events[0].email}`);
				setTimeout(() => {
					order.push(`answer ${n}`);
					reply(null, n === 1 ? [503] : [200, { results: events.length, failed: 0 }]);
				}, 30);
			});
		try {
			const { outputs, error } = await runBentoNode({
				parameters: autoMap({ batchSize: 100, retryDelay: 1 }),
				items: people(300),
			});
			expect(error).toBeUndefined();
			expect(outputs[0]).toHaveLength(300);
		} finally {
			encode.mockRestore();
		}
		const [first, second, third] = people(300).filter((_, i) => i % 100 === 0);
		expect(order).toEqual([
			'encode 0-100',
			`request 1: ${first.email}`,
			'encode 100-200',
			'answer 1',
			`request 2: ${first.email}`,
			'answer 2',
			`request 3: ${second.email}`,
			'encode 200-300',
			'answer 3',
			`request 4: ${third.email}`,
			'answer 4',
		]);
	});

	it('gives every output item its own objects, keys in a fixed order', async () => {
		mockBatchEvents([[200, { results: 3, failed: 1 }]]);
		const { outputs } = await runBentoNode({ parameters: autoMap(), items: people(3) });
		const [first, second] = outputs[0];
		expect(Object.keys(first.json)).toEqual(['event', 'results', 'failed', 'batch', 'warning']);
		expect(first.json.batch).not.toBe(second.json.batch);
		(first.json.batch as { number: number }).number = 99;
		first.json.results = 0;
		expect(second.json).toMatchObject({ results: 3, batch: { number: 1 } });
		expect(second.json.event).toEqual({ type: 'signed_up', email: 'user1@example.com' });
	});

	it('refuses a batch size Bento does not take, before sending', async () => {
		const { requests } = mockBatchEvents();
		const { error } = await runBentoNode({
			parameters: autoMap({ batchSize: 1001 }),
			items: people(2),
		});
		expect(error?.message).toContain('Batch Size must be a whole number from 1 to 1000');
		expect(requests).toHaveLength(0);
	});

	it('sends auto-mapped items as they are, with the Unique Key option', async () => {
		const { requests } = mockBatchEvents();
		await runBentoNode({
			parameters: autoMap({ uniqueKey: '={{ "order-" + $json.details.value.amount }}' }),
			items: [
				{
					type: '$purchase',
					email: 'ann@example.com',
					fields: { plan: 'pro' },
					details: { value: { amount: 8000, currency: 'USD' } },
					date: '2024-05-01T10:30:00+02:00',
				},
			],
		});
		expect(requests[0].body.events).toEqual([
			{
				type: '$purchase',
				email: 'ann@example.com',
				fields: { plan: 'pro' },
				details: { value: { amount: 8000, currency: 'USD' }, unique: { key: 'order-8000' } },
				date: '2024-05-01T10:30:00+02:00',
			},
		]);
	});
});

describe('Create Events: Bento errors', () => {
	it.each([
		[
			400,
			{ error: 'Events must be an array' },
			'Bento answered 400: Events must be an array',
			'invalid',
		],
		[401, { error: 'Unauthorized' }, 'Bento answered 401: Unauthorized', 'publishable key'],
		[
			403,
			'<!DOCTYPE html><html><body>Access denied</body></html>',
			'Bento answered 403: Access denied',
			'User-Agent',
		],
		[404, { error: 'Not found' }, 'Bento answered 404: Not found', 'Base URL'],
		[
			422,
			{ errors: [{ field: 'email', message: 'is blocked' }] },
			'Bento answered 422: email: is blocked',
			'rules',
		],
		[500, { error: 'Boom' }, 'Bento answered 500: Boom', 'infrastructure'],
	])(
		"turns %i into a NodeApiError with Bento's message and no secret",
		async (status, body, message, help) => {
			const { requests } = mockBatchEvents([[status, body]]);
			const result = await runBentoNode({
				parameters: autoMap({ maxRetries: 0 }),
				items: people(3),
			});
			expect(requests).toHaveLength(1);
			expect(result.error?.name).toBe('NodeApiError');
			expect(result.error?.message).toBe(`Batch 1 of 1 (items 0-2) failed: ${message}`);
			expect(result.error?.httpCode).toBe(String(status));
			expect(result.error?.description).toContain(help);
			expect(result.error?.description).toContain('Not delivered: batch 1 (items 0-2)');
			const emitted = everythingEmitted(result);
			for (const secret of SECRETS) expect(emitted).not.toContain(secret);
		},
	);

	it('a 429 is not a retry: it waits for each window, and fails only past the wait cap, naming the limit', async () => {
		const { requests } = mockBatchEvents([
			[429, { error: 'Too many requests' }, { Date: 'Mon, 30 Nov 2026 14:10:30 GMT' }],
		]);
		const result = await runBentoNode({ parameters: autoMap({ maxRetries: 0 }), items: people(3) });
		// Each wait runs to the server's next minute (30 s after its Date, then the answer is the
		// same): 5 minutes of waiting at most for one request.
		expect(clock.waits.length).toBeGreaterThanOrEqual(5);
		expect(clock.waits.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(5 * 60_000);
		expect(requests).toHaveLength(clock.waits.length + 1);
		expect(result.error?.message).toMatch(
			/^Batch 1 of 1 \(items 0-2\) failed: Bento answered 429: Too many requests \(after \d+ attempts; Bento allows 100 requests a minute per account \(\/batch, \/fetch, \/experimental\)\. (Try again after \d\d:\d\d:\d\d UTC|Its window resets within a minute: try again later)\.\)$/,
		);
		expect(result.error?.httpCode).toBe('429');
		expect(result.error?.description).toContain('rate limiting');
		expect(result.error?.description).toContain('Not delivered: batch 1 (items 0-2)');
		for (const secret of SECRETS) expect(everythingEmitted(result)).not.toContain(secret);
	});

	it('reports rejected events in the output and as a hint by default', async () => {
		mockBatchEvents([[200, { results: 2, failed: 1 }]]);
		const { outputs, run } = await runBentoNode({ parameters: autoMap(), items: people(3) });
		expect(outputs[0].map((item) => item.json.failed)).toEqual([1, 1, 1]);
		expect(outputs[0][0].json.warning).toBe(
			'Bento rejected 1 of the 3 events in this batch (it does not say which)',
		);
		const hints = run.data.resultData.runData.Bento[0].hints;
		expect(hints).toEqual([
			expect.objectContaining({ message: expect.stringContaining('Bento rejected 1 of 3 events') }),
		]);
	});

	it('fails the batch on rejected events when told to', async () => {
		mockBatchEvents([[200, { results: 2, failed: 1 }]]);
		const { error } = await runBentoNode({
			parameters: autoMap({ onRejectedEvents: 'error' }),
			items: people(3),
		});
		expect(error?.message).toBe(
			'Batch 1 of 1 (items 0-2) failed: Bento rejected 1 of its 3 events (it took the other 2: resending the whole batch sends those twice)',
		);
		// Bento took the other two: the report must not call the batch undelivered.
		expect(error?.description).toContain('It took the other 2');
		expect(error?.description).toContain(
			'Delivered: none. Delivered in part: batch 1 (items 0-2). Not delivered: none.',
		);
	});
});
