import nock from 'nock';

import { bentoSubscriber } from '../../helpers/mockAudience';
import { mockEndpoint } from '../../helpers/mockEndpoint';
import { describeErrorClasses, expectQuery } from '../../helpers/mockLibrary';
import { runBentoNode } from '../../helpers/runNode';
import { runAgainst, useSandbox } from '../../helpers/sandbox';

// Subscriber → Search: GET /fetch/search (Enterprise only), its four date filters as {gt, lt}
// in the query (n8n sends no body with a GET), 100 a page under Return All / Limit.

afterEach(() => nock.cleanAll());

const found = (n: number) =>
	bentoSubscriber(n, `person${n}@example.com`, {
		navigation_url: `https://app.bentonow.com/visitors/${n}`,
	});
const page = (from: number, to: number) =>
	Array.from({ length: to - from + 1 }, (_, k) => found(from + k));
const params = (extra: Record<string, unknown> = {}) => ({
	resource: 'subscriber',
	operation: 'search',
	...extra,
});

describe('Subscriber > Search', () => {
	it('sends each date filter as {gt, lt} in the query, read in the workflow time zone', async () => {
		nock.disableNetConnect();
		const { requests } = mockEndpoint('GET', '/fetch/search', [
			[200, { data: page(1, 2) }],
			[200, { data: [] }],
		]);
		const { outputs, error } = await runBentoNode({
			parameters: params({
				filters: {
					createdAfter: '2026-01-05T10:00:00',
					createdBefore: '2026-02-01T00:00:00Z',
					lastEventAfter: '={{ $json.since }}',
				},
				returnAll: false,
				limit: 10,
			}),
			items: [{ since: '2026-03-01' }],
			timezone: 'America/New_York',
		});
		expect(error).toBeUndefined();
		// A short page is not taken as the last (the page size is not relied on): page 2 is empty.
		expect(requests.map((r) => r.query.page)).toEqual(['1', '2']);
		expectQuery(requests[0], {
			page: '1',
			'created_at[gt]': '2026-01-05T10:00:00.000-05:00',
			'created_at[lt]': '2026-02-01T00:00:00Z',
			'last_event_at[gt]': '2026-03-01T00:00:00.000-05:00',
		});
		expect(requests[0].body).toBeUndefined();
		expect(outputs[0].map((i) => i.json)).toEqual([
			{
				id: '1',
				uuid: 'uuid-1',
				email: 'person1@example.com',
				fields: { first_name: 'Ann' },
				tags: ['1'],
				unsubscribed_at: null,
				navigation_url: 'https://app.bentonow.com/visitors/1',
			},
			expect.objectContaining({ email: 'person2@example.com' }),
		]);
		expect(outputs[0].map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 0 }]);
	});

	it('Return All reads pages of 100 until an empty one; a Limit reads no further than it needs', async () => {
		const pages = [page(1, 100), page(101, 103), []];
		const all = mockEndpoint('GET', '/fetch/search', (request) => [
			200,
			{ data: pages[Number(request.query.page) - 1] ?? [] },
		]);
		const { outputs } = await runBentoNode({
			parameters: params({ returnAll: true }),
			items: [{}],
		});
		expect(all.requests.map((r) => r.query.page)).toEqual(['1', '2', '3']);
		expect(outputs[0]).toHaveLength(103);
		expect(outputs[0][102].json.email).toBe('person103@example.com');
		nock.cleanAll();
		const some = mockEndpoint('GET', '/fetch/search', [[200, { data: page(1, 100) }]]);
		const limited = await runBentoNode({
			parameters: params({ returnAll: false, limit: 50 }),
			items: [{}],
		});
		expect(some.requests).toHaveLength(1);
		expect(limited.outputs[0]).toHaveLength(50);
	});

	it.each([
		[
			{ createdAfter: 'last tuesday' },
			/^Item 0: Created After: "last tuesday" is not an ISO 8601 date/,
		],
		[
			{ updatedAfter: '2026-02-01', updatedBefore: '2026-01-01' },
			/^Item 0: Updated After must be earlier than Updated Before$/,
		],
	])(
		'a filter that cannot go names the item and the filter; nothing is sent (%j)',
		async (filters, message) => {
			const { requests } = mockEndpoint('GET', '/fetch/search', [[200, { data: [] }]]);
			const { error } = await runBentoNode({ parameters: params({ filters }), items: [{}] });
			expect(error?.message).toMatch(message);
			expect(requests).toHaveLength(0);
		},
	);

	it.each([
		[403, { error: 'Forbidden' }],
		[401, { error: 'Search requires an Enterprise plan' }],
		[404, 'Upgrade your plan to use search'],
	])(
		'an account without Enterprise (%i) gets an error saying the endpoint needs it',
		async (status, body) => {
			mockEndpoint('GET', '/fetch/search', [[status, body]]);
			const { error } = await runBentoNode({ parameters: params(), items: [{}] });
			expect(error?.message).toBe(
				`Item 0 failed: Subscriber Search needs a Bento Enterprise account: Bento refused it (${status})`,
			);
			expect(String(error?.description)).toMatch(/Enterprise accounts only/);
			expect(String(error?.description)).toContain(`Bento answered ${status}`);
		},
	);

	it('a refusal that names no plan stays what it is (wrong keys are not "no Enterprise")', async () => {
		mockEndpoint('GET', '/fetch/search', [[401, { error: 'Invalid authentication credentials' }]]);
		const { error } = await runBentoNode({ parameters: params(), items: [{}] });
		expect(error?.message).toBe(
			'Item 0 failed: Bento answered 401: Invalid authentication credentials',
		);
	});
});

describeErrorClasses('Subscriber > Search', {
	parameters: params({ returnAll: false, limit: 5 }),
	method: 'GET',
	path: '/fetch/search',
	// A full page: Limit 5 needs no second one.
	ok: [200, { data: page(1, 100) }],
	items: [{ n: 0 }, { n: 1 }],
	shared: true,
});

describe('Subscriber > Search against the stand-in', () => {
	const sandbox = useSandbox();

	it('without Enterprise: the error says so; with it: the subscribers, newest first', async () => {
		const state = sandbox().state as unknown as {
			store: { enterprise: boolean };
			requests: Array<{ path: string; search?: { page: number; filters: string[] } }>;
		};
		await runAgainst(sandbox(), {
			parameters: { resource: 'subscriber', operation: 'import', email: 'ann@example.com' },
			items: [{}],
		});
		await runAgainst(sandbox(), {
			parameters: { resource: 'subscriber', operation: 'import', email: 'bob@example.com' },
			items: [{}],
		});
		const refused = await runAgainst(sandbox(), { parameters: params(), items: [{}] });
		expect(refused.error?.message).toBe(
			'Item 0 failed: Subscriber Search needs a Bento Enterprise account: Bento refused it (403)',
		);

		state.store.enterprise = true;
		const search = params({ filters: { createdAfter: '2020-01-01' }, returnAll: true });
		const result = await runAgainst(sandbox(), { parameters: search, items: [{}] });
		expect(result.error).toBeUndefined();
		expect(result.outputs[0].map((i) => i.json.email)).toEqual([
			'bob@example.com',
			'ann@example.com',
		]);
		expect(result.outputs[0][0].json.navigation_url).toMatch(/^https:\/\/app\.bentonow\.com\//);
		const searches = state.requests.filter((r) => r.path === '/api/v1/fetch/search');
		expect(searches.map((r) => r.search)).toEqual([
			undefined,
			{ page: 1, filters: ['created_at'] },
			{ page: 2, filters: ['created_at'] },
		]);

		const none = await runAgainst(sandbox(), {
			parameters: params({ filters: { createdBefore: '2020-01-01' }, returnAll: true }),
			items: [{}],
		});
		expect(none.outputs[0]).toEqual([]);
	});
});
