import nock from 'nock';

import { mockEndpoint } from '../../helpers/mockEndpoint';
import { runBentoNode } from '../../helpers/runNode';
import { bentoTag as tag } from '../../helpers/mockAudience';

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

describe('Tag > Create', () => {
	it('creates one tag per item with {tag: {name}} and puts out the tag', async () => {
		const { requests } = mockEndpoint('POST', '/fetch/tags', (request, n) => [
			201,
			{ data: tag(n + 10, (request.body?.tag as { name: string }).name) },
		]);
		const { outputs } = await runBentoNode({
			parameters: { resource: 'tag', operation: 'create', name: '={{ $json.tag }}' },
			items: [{ tag: ' vip ' }, { tag: 'lead' }],
		});
		expect(requests.map((r) => r.body)).toEqual([
			{ tag: { name: 'vip' } },
			{ tag: { name: 'lead' } },
		]);
		expect(outputs[0].map((i) => [i.json.id, i.json.name, i.pairedItem])).toEqual([
			['10', 'vip', { item: 0 }],
			['11', 'lead', { item: 1 }],
		]);
	});

	it('refuses an empty name before sending; with Continue On Fail only that item fails', async () => {
		const { requests } = mockEndpoint('POST', '/fetch/tags', [[201, { data: tag(1, 'ok') }]]);
		const stopped = await runBentoNode({
			parameters: { resource: 'tag', operation: 'create', name: '={{ $json.tag }}' },
			items: [{ tag: 'ok' }, { tag: '  ' }],
		});
		expect(requests).toHaveLength(0);
		expect(stopped.error?.message).toBe(
			'Item 1: name is required and must be text (got only spaces or invisible characters)',
		);
		const { outputs } = await runBentoNode({
			parameters: { resource: 'tag', operation: 'create', name: '={{ $json.tag }}' },
			items: [{ tag: 'ok' }, { tag: '' }],
			onError: 'continueErrorOutput',
		});
		expect(requests).toHaveLength(1);
		expect(outputs[0].map((i) => i.pairedItem)).toEqual([{ item: 0 }]);
		expect(outputs[1][0].json.error).toBe(
			'Item 1: name is required and must be text (got missing)',
		);
	});

	it('a 422 is not retried', async () => {
		const { requests } = mockEndpoint('POST', '/fetch/tags', [
			[422, { errors: [{ field: 'name', message: 'has already been taken' }] }],
		]);
		const { error } = await runBentoNode({
			parameters: { resource: 'tag', operation: 'create', name: 'vip' },
			items: [{}],
		});
		expect(requests).toHaveLength(1);
		expect(error?.message).toBe('Item 0 failed: Bento answered 422: name: has already been taken');
	});
});
