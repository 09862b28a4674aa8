// Found by the tester: Tag → Delete promises that a DELETE that may have reached Bento is never
// sent again (a second DELETE of a discarded tag may restore it, the Node SDK says).
import nock from 'nock';

import { mockEndpoint, type Reply } from '../../helpers/mockEndpoint';
import { runBentoNode } from '../../helpers/runNode';
import { bentoTag as tag } from '../../helpers/mockAudience';

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

describe('Tag > Delete: the same tag twice in one run, with Continue On Fail', () => {
	it('after a DELETE that may have reached Bento, a later item naming the same tag sends no second DELETE', async () => {
		// Bento's list still shows the tag live right after the failure (it acts a moment later).
		mockEndpoint('GET', '/fetch/tags', (): Reply => [200, { data: [tag(2, 'lead')] }]);
		const del = mockEndpoint('DELETE', /^\/fetch\/tags\/\d+$/, [[503]]);
		const { outputs } = await runBentoNode({
			parameters: {
				resource: 'tag',
				operation: 'delete',
				tag: { __rl: true, mode: 'name', value: '={{ $json.name }}' },
				options: { retryDelay: 0 },
			},
			// A sheet with the tag on two rows, as pasted data often has.
			items: [{ name: 'lead' }, { name: 'Lead' }],
			onError: 'continueRegularOutput',
		});
		expect(del.requests).toHaveLength(1);
		expect(outputs[0]).toHaveLength(2);
		expect(String(outputs[0][0].json.error)).toMatch(/may have been delivered/);
		// The second item is not sent: it is an error too (or says what item 0 may have done).
		expect(outputs[0][1].json.alreadyDeleted).not.toBe(false);
	});

	it("when the tag list cannot be read again after such a failure, the DELETE's failure stands (not the list's)", async () => {
		mockEndpoint('GET', '/fetch/tags', [
			[200, { data: [tag(2, 'lead')] }],
			[401, { error: 'Unauthorized' }],
		]);
		const del = mockEndpoint('DELETE', /^\/fetch\/tags\/\d+$/, [[503]]);
		const { error } = await runBentoNode({
			parameters: {
				resource: 'tag',
				operation: 'delete',
				tag: { __rl: true, mode: 'id', value: '2' },
				options: { retryDelay: 0 },
			},
			items: [{}],
		});
		expect(del.requests).toHaveLength(1);
		expect(error?.message).toMatch(/^Item 0 failed: Bento answered 503 .*may have been delivered/);
	});
});

describe('Tag > Delete under Retry On Fail', () => {
	it('a tag an earlier try of this run deleted is reported as deleted by this run, not as already gone', async () => {
		const gone = new Set<string>();
		const listed = (id: number, name: string) => ({
			...tag(id, name),
			attributes: {
				...tag(id, name).attributes,
				discarded_at: gone.has(String(id)) ? '2026-12-06T00:00:00Z' : null,
			},
		});
		mockEndpoint(
			'GET',
			'/fetch/tags',
			(): Reply => [200, { data: [listed(2, 'lead'), listed(3, 'vip')] }],
		);
		// The second item's DELETE is refused once (Bento took nothing); n8n runs the node again.
		const del = mockEndpoint('DELETE', /^\/fetch\/tags\/\d+$/, (request, n): Reply => {
			if (n === 1) return [422, { error: 'Tag is busy' }];
			gone.add(request.path.split('/').pop() ?? '');
			return [200, { message: 'Tag deleted' }];
		});
		const result = await runBentoNode({
			parameters: {
				resource: 'tag',
				operation: 'delete',
				tag: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
			},
			items: [{ id: '2' }, { id: '3' }],
			retryOnFail: { maxTries: 2, waitBetweenTries: 0 },
		});
		expect(result.error).toBeUndefined();
		expect(del.requests.map((r) => r.path)).toEqual([
			'/fetch/tags/2',
			'/fetch/tags/3',
			'/fetch/tags/3',
		]);
		// As after one run (docs: Retry On Fail gives the same items as one run would).
		expect(result.outputs[0].map((item) => item.json)).toEqual([
			{ deleted: true, id: '2', name: 'lead', alreadyDeleted: false },
			{ deleted: true, id: '3', name: 'vip', alreadyDeleted: false },
		]);
		expect(result.run.data.resultData.runData.Bento[0].hints ?? []).toEqual([]);
	});
});
