import nock from 'nock';

import { mockEndpoint } from '../../helpers/mockEndpoint';
import { runBentoNode, TEST_CREDENTIALS } from '../../helpers/runNode';
import { bentoField as field } from '../../helpers/mockAudience';

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

const FIELDS = [field(1, 'first_name'), field(2, 'plan'), field(3, 'seats')];

describe('Field > Get Many', () => {
	it('lists the fields, flattened, up to Limit', async () => {
		const { requests } = mockEndpoint('GET', '/fetch/fields', [[200, { data: FIELDS }]]);
		const { outputs, error } = await runBentoNode({
			parameters: { resource: 'field', operation: 'getAll', returnAll: false, limit: 2 },
			items: [{}],
		});
		expect(error).toBeUndefined();
		expect(requests.map((r) => r.query)).toEqual([{ site_uuid: TEST_CREDENTIALS.siteUuid }]);
		expect(outputs[0]).toEqual([
			{ json: { id: '1', ...FIELDS[0].attributes }, pairedItem: { item: 0 } },
			{ json: { id: '2', ...FIELDS[1].attributes }, pairedItem: { item: 0 } },
		]);
	});

	it('a 503 that never ends fails with the retries counted', async () => {
		const { requests } = mockEndpoint('GET', '/fetch/fields', [[503, { error: 'Down' }]]);
		const { error } = await runBentoNode({
			parameters: {
				resource: 'field',
				operation: 'getAll',
				returnAll: true,
				options: { retryDelay: 0, maxRetries: 2 },
			},
			items: [{}],
		});
		expect(requests).toHaveLength(3);
		expect(error?.message).toBe('Item 0 failed: Bento answered 503: Down (after 3 attempts)');
	});
});
