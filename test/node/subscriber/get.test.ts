import nock from 'nock';

import { useFakeClock } from '../../helpers/fakeClock';
import { bentoSubscriber } from '../../helpers/mockAudience';
import { SECRETS } from '../../helpers/mockBento';
import { mockEndpoint } from '../../helpers/mockEndpoint';
import { everythingEmitted, runBentoNode, TEST_CREDENTIALS } from '../../helpers/runNode';

// 429 waits last a rate-limit window: the transport's clock is faked, so they take no time.
useFakeClock();

const fast = { retryDelay: 0 };

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

const hintsOf = (run: Awaited<ReturnType<typeof runBentoNode>>['run']) =>
	run.data.resultData.runData.Bento[0].hints ?? [];

describe('Subscriber > Get', () => {
	const byEmail = (options: Record<string, unknown> = {}) => ({
		resource: 'subscriber',
		operation: 'get',
		by: 'email',
		email: '={{ $json.mail }}',
		options: { ...fast, ...options },
	});

	it('looks each item up by email, one request each, and flattens the subscriber', async () => {
		const { requests } = mockEndpoint('GET', '/fetch/subscribers', (request) => [
			200,
			{ data: bentoSubscriber(7, request.query.email) },
		]);
		const { outputs, error } = await runBentoNode({
			parameters: byEmail(),
			items: [{ mail: ' ann@example.com ' }, { mail: 'bob@example.com' }],
		});
		expect(error).toBeUndefined();
		expect(requests.map((r) => r.query)).toEqual([
			{ email: 'ann@example.com', site_uuid: TEST_CREDENTIALS.siteUuid },
			{ email: 'bob@example.com', site_uuid: TEST_CREDENTIALS.siteUuid },
		]);
		expect(requests.every((r) => r.siteUuids.length === 1)).toBe(true);
		expect(outputs[0]).toEqual([
			{
				json: {
					id: '7',
					uuid: 'uuid-7',
					email: 'ann@example.com',
					fields: { first_name: 'Ann' },
					tags: ['1'],
					unsubscribed_at: null,
				},
				pairedItem: { item: 0 },
			},
			expect.objectContaining({ pairedItem: { item: 1 } }),
		]);
	});

	it('looks up by UUID', async () => {
		const { requests } = mockEndpoint('GET', '/fetch/subscribers', [
			[200, { data: bentoSubscriber(3, 'cy@example.com') }],
		]);
		const { outputs } = await runBentoNode({
			parameters: { resource: 'subscriber', operation: 'get', by: 'uuid', uuid: 'uuid-3' },
			items: [{}],
		});
		expect(requests[0].query).toEqual({ uuid: 'uuid-3', site_uuid: TEST_CREDENTIALS.siteUuid });
		expect(outputs[0][0].json.email).toBe('cy@example.com');
	});

	it.each([
		['data: null', [200, { data: null }]],
		['an empty body', [200, '']],
		['an empty object', [200, {}]],
		['a 404', [404, { error: 'Not found' }]],
	])(
		'reads %s as not found: no item for it by default, and a hint naming it',
		async (_what, reply) => {
			const { requests } = mockEndpoint('GET', '/fetch/subscribers', (request) =>
				request.query.email === 'ann@example.com'
					? [200, { data: bentoSubscriber(1, 'ann@example.com') }]
					: (reply as [number, unknown]),
			);
			const { outputs, error, run } = await runBentoNode({
				parameters: byEmail(),
				items: [{ mail: 'ann@example.com' }, { mail: 'nobody@example.com' }],
			});
			expect(error).toBeUndefined();
			expect(requests).toHaveLength(2);
			expect(outputs[0].map((i) => [i.json.email, i.pairedItem])).toEqual([
				['ann@example.com', { item: 0 }],
			]);
			expect(hintsOf(run)).toEqual([
				expect.objectContaining({
					message: expect.stringContaining('No subscriber found for item 1:'),
				}),
			]);
		},
	);

	it('with If Not Found = Return an Error, routes the item to the error output', async () => {
		mockEndpoint('GET', '/fetch/subscribers', (request) => [
			200,
			{
				data:
					request.query.email === 'ann@example.com' ? bentoSubscriber(1, 'ann@example.com') : null,
			},
		]);
		const { outputs } = await runBentoNode({
			parameters: byEmail({ ifNotFound: 'error' }),
			items: [{ mail: 'nobody@example.com' }, { mail: 'ann@example.com' }],
			onError: 'continueErrorOutput',
		});
		const [main, errors] = outputs;
		expect(main.map((i) => i.pairedItem)).toEqual([{ item: 1 }]);
		expect(errors).toEqual([
			{
				json: {
					mail: 'nobody@example.com',
					error: 'Item 0 failed: No subscriber with email "nobody@example.com"',
				},
				pairedItem: { item: 0 },
			},
		]);
	});

	it('with Return an Error and no Continue On Fail, stops at the item and says what was done', async () => {
		mockEndpoint('GET', '/fetch/subscribers', [[200, { data: null }]]);
		const { error } = await runBentoNode({
			parameters: byEmail({ ifNotFound: 'error' }),
			items: [{ mail: 'a@example.com' }, { mail: 'b@example.com' }],
		});
		expect(error?.message).toBe('Item 0 failed: No subscriber with email "a@example.com"');
		expect(error?.description).toContain('Not sent: item 1');
	});

	it('refuses an invalid email before any request, naming the item and field', async () => {
		const { requests } = mockEndpoint('GET', '/fetch/subscribers', [[200, { data: null }]]);
		const { error } = await runBentoNode({
			parameters: byEmail(),
			items: [{ mail: 'a@example.com' }, { mail: 'nope' }],
		});
		expect(requests).toHaveLength(0);
		expect(error?.message).toBe('Item 1: email "nope" is not a valid address');
		expect(error?.description).toContain('"email"');
	});

	it('retries a 503 and a 429, not a 401; no secret in the error', async () => {
		const retried = mockEndpoint('GET', '/fetch/subscribers', [
			[503, { error: 'Down' }],
			[429, { error: 'Slow down' }],
			[200, { data: bentoSubscriber(1, 'a@example.com') }],
		]);
		const ok = await runBentoNode({ parameters: byEmail(), items: [{ mail: 'a@example.com' }] });
		expect(ok.error).toBeUndefined();
		expect(retried.requests).toHaveLength(3);
		nock.cleanAll();

		const denied = mockEndpoint('GET', '/fetch/subscribers', [[401, { error: 'Unauthorized' }]]);
		const failed = await runBentoNode({
			parameters: byEmail(),
			items: [{ mail: 'a@example.com' }],
		});
		expect(denied.requests).toHaveLength(1);
		expect(failed.error?.name).toBe('NodeApiError');
		expect(failed.error?.message).toBe('Item 0 failed: Bento answered 401: Unauthorized');
		const emitted = everythingEmitted(failed);
		for (const secret of SECRETS) expect(emitted).not.toContain(secret);
	});
});
