import nock from 'nock';

import { SECRETS } from '../../helpers/mockBento';
import { mockEndpoint } from '../../helpers/mockEndpoint';
import { everythingEmitted, runBentoNode, TEST_CREDENTIALS } from '../../helpers/runNode';
import { bentoTag as tag } from '../../helpers/mockAudience';

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

const TAGS = [tag(1, 'customer'), tag(2, 'lead'), tag(3, 'vip')];

describe('Tag > Get Many', () => {
	it('returns every tag, flattened, with Return All', async () => {
		const { requests } = mockEndpoint('GET', '/fetch/tags', [[200, { data: TAGS }]]);
		const { outputs, error } = await runBentoNode({
			parameters: { resource: 'tag', operation: 'getAll', returnAll: true },
			items: [{}],
		});
		expect(error).toBeUndefined();
		expect(requests).toHaveLength(1);
		expect(requests[0].query).toEqual({ site_uuid: TEST_CREDENTIALS.siteUuid });
		expect(outputs[0]).toEqual(
			TAGS.map((t) => ({
				json: { id: t.id, ...t.attributes },
				pairedItem: { item: 0 },
			})),
		);
	});

	it('slices to Limit; items asking the same share one request', async () => {
		const { requests } = mockEndpoint('GET', '/fetch/tags', [[200, { data: TAGS }]]);
		const { outputs } = await runBentoNode({
			parameters: { resource: 'tag', operation: 'getAll', returnAll: false, limit: 2 },
			items: [{}, {}],
		});
		expect(requests).toHaveLength(1);
		expect(outputs[0].map((i) => [i.json.name, i.pairedItem])).toEqual([
			['customer', { item: 0 }],
			['lead', { item: 0 }],
			['customer', { item: 1 }],
			['lead', { item: 1 }],
		]);
		// Each item owns its copy.
		expect(outputs[0][0].json).not.toBe(outputs[0][2].json);
	});

	it('an empty list is no item and no error', async () => {
		mockEndpoint('GET', '/fetch/tags', [[200, { data: [] }]]);
		const { outputs, error } = await runBentoNode({
			parameters: { resource: 'tag', operation: 'getAll', returnAll: true },
			items: [{}],
		});
		expect(error).toBeUndefined();
		expect(outputs[0]).toEqual([]);
	});

	it('retries a 500, gives up on a 401 at once with no secret in the error', async () => {
		const flaky = mockEndpoint('GET', '/fetch/tags', [
			[500, { error: 'Boom' }],
			[200, { data: TAGS }],
		]);
		const ok = await runBentoNode({
			parameters: {
				resource: 'tag',
				operation: 'getAll',
				returnAll: true,
				options: { retryDelay: 0 },
			},
			items: [{}],
		});
		expect(flaky.requests).toHaveLength(2);
		expect(ok.outputs[0]).toHaveLength(3);
		nock.cleanAll();
		const denied = mockEndpoint('GET', '/fetch/tags', [[401, { error: 'Unauthorized' }]]);
		const failed = await runBentoNode({
			parameters: { resource: 'tag', operation: 'getAll', returnAll: true },
			items: [{}],
		});
		expect(denied.requests).toHaveLength(1);
		expect(failed.error?.message).toBe('Item 0 failed: Bento answered 401: Unauthorized');
		const emitted = everythingEmitted(failed);
		for (const secret of SECRETS) expect(emitted).not.toContain(secret);
	});
});
