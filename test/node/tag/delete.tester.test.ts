// Found by the tester: Tag → Delete promises that a DELETE that may have reached Bento is never
// sent again (a second DELETE of a discarded tag may restore it, the Node SDK says).
import nock from 'nock';

import { mockEndpoint, type Reply } from '../../helpers/mockLibrary';
import { runBentoNode } from '../../helpers/runNode';

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

const tag = (id: number, name: string) => ({
	id: String(id),
	type: 'tags',
	attributes: { name, created_at: '2024-01-01T00:00:00Z', discarded_at: null, site_id: 9 },
});

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
