import nock from 'nock';

import { mockEndpoint } from '../../helpers/mockEndpoint';
import { runBentoNode } from '../../helpers/runNode';
import { bentoField as field } from '../../helpers/mockAudience';

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

describe('Field > Create', () => {
	it('creates a field with {field: {key}}', async () => {
		const { requests } = mockEndpoint('POST', '/fetch/fields', [[201, { data: field(4, 'plan') }]]);
		const { outputs } = await runBentoNode({
			parameters: { resource: 'field', operation: 'create', key: '={{ $json.key }}' },
			items: [{ key: 'plan' }],
		});
		expect(requests.map((r) => r.body)).toEqual([{ field: { key: 'plan' } }]);
		expect(outputs[0]).toEqual([
			{ json: { id: '4', ...field(4, 'plan').attributes }, pairedItem: { item: 0 } },
		]);
	});

	it('refuses a missing key, naming the item', async () => {
		const { requests } = mockEndpoint('POST', '/fetch/fields', [[201, {}]]);
		const { error } = await runBentoNode({
			parameters: { resource: 'field', operation: 'create', key: '={{ $json.key }}' },
			items: [{ key: 'plan' }, {}],
		});
		expect(requests).toHaveLength(0);
		expect(error?.message).toBe('Item 1: key is required and must be text (got missing)');
	});
});
