import nock from 'nock';

import { SECRETS } from '../../helpers/mockBento';
import { mockEndpoint, type Reply } from '../../helpers/mockEndpoint';
import { describeErrorClasses, expectQuery } from '../../helpers/mockLibrary';
import { everythingEmitted, runBentoNode, type RunResult } from '../../helpers/runNode';
import { searchPicker } from '../../helpers/runPicker';
import { runAgainst, SANDBOX_SECRETS, useSandbox } from '../../helpers/sandbox';

// Tag → Delete: the tag list is read once per run to find the tag and its name, then one
// `DELETE /fetch/tags/:id {tag: {name}}` per live tag; a tag already gone is no error.

afterEach(() => nock.cleanAll());

const tag = (id: number, name: string, discardedAt: string | null = null) => ({
	id: String(id),
	type: 'tags',
	attributes: { name, created_at: '2024-01-01T00:00:00Z', discarded_at: discardedAt, site_id: 9 },
});
const LIVE = [
	tag(1, 'customer'),
	tag(2, 'lead'),
	tag(3, 'VIP'),
	tag(4, 'old', '2025-01-01T00:00:00Z'),
];

/** The tag list Bento answers (the latest `tags.list`), recorded. */
function mockTags(list: unknown[] = LIVE) {
	const answer = { list };
	const mock = mockEndpoint('GET', '/fetch/tags', (): Reply => [200, { data: answer.list }]);
	return Object.assign(answer, mock);
}

const deleted = (name: string) => [200, { message: `Tag (${name}) deleted successfully` }] as const;
const byId = (value: string) => ({ __rl: true, mode: 'id', value });
const byName = (value: string) => ({ __rl: true, mode: 'name', value });
const fromList = (value: string) => ({ __rl: true, mode: 'list', value });
const params = (tagRef: unknown, extra: Record<string, unknown> = {}) => ({
	resource: 'tag',
	operation: 'delete',
	tag: tagRef,
	...extra,
});
const hintsOf = (result: RunResult) => result.run.data.resultData.runData.Bento[0].hints ?? [];

describe('Tag > Delete', () => {
	it('from the list: reads the tags once, sends DELETE /fetch/tags/:id with the name, puts out {deleted: true}', async () => {
		nock.disableNetConnect();
		const tags = mockTags();
		const del = mockEndpoint('DELETE', /^\/fetch\/tags\/\d+$/, [[...deleted('lead')]]);
		const result = await runBentoNode({ parameters: params(fromList('2')), items: [{}] });
		expect(result.error).toBeUndefined();
		expect(tags.requests).toHaveLength(1);
		expect(del.requests).toHaveLength(1);
		expect(del.requests[0].path).toBe('/fetch/tags/2');
		expect(del.requests[0].body).toEqual({ tag: { name: 'lead' } });
		expectQuery(del.requests[0]);
		expect(result.outputs[0]).toEqual([
			{
				json: { deleted: true, id: '2', name: 'lead', alreadyDeleted: false },
				pairedItem: { item: 0 },
			},
		]);
		expect(hintsOf(result)).toEqual([]);
	});

	it('by name: the exact name, else the one live tag whose name differs only in case', async () => {
		mockTags();
		const del = mockEndpoint('DELETE', /^\/fetch\/tags\/\d+$/, (request) => [
			200,
			{ message: `Tag (${(request.body as { tag: { name: string } }).tag.name}) deleted` },
		]);
		const result = await runBentoNode({
			parameters: params(byName('={{ $json.name }}')),
			items: [{ name: 'customer' }, { name: ' vip ' }],
		});
		expect(result.error).toBeUndefined();
		expect(del.requests.map((r) => [r.path, r.body])).toEqual([
			['/fetch/tags/1', { tag: { name: 'customer' } }],
			['/fetch/tags/3', { tag: { name: 'VIP' } }],
		]);
		expect(result.outputs[0].map((i) => [i.json.id, i.json.name, i.pairedItem])).toEqual([
			['1', 'customer', { item: 0 }],
			['3', 'VIP', { item: 1 }],
		]);
	});

	it('a tag already gone (discarded, unknown name or ID) is no error: nothing is sent, the item and a hint say so', async () => {
		const tags = mockTags();
		const del = mockEndpoint('DELETE', /^\/fetch\/tags\/\d+$/, [[...deleted('x')]]);
		const result = await runBentoNode({
			parameters: params('={{ $json.ref }}'),
			items: [{ ref: byName('old') }, { ref: byName('nobody') }, { ref: byId('99') }],
		});
		expect(result.error).toBeUndefined();
		expect(tags.requests).toHaveLength(1);
		expect(del.requests).toHaveLength(0);
		expect(result.outputs[0].map((i) => i.json)).toEqual([
			{ deleted: true, id: '4', name: 'old', alreadyDeleted: true },
			{ deleted: true, id: null, name: 'nobody', alreadyDeleted: true },
			{ deleted: true, id: '99', name: null, alreadyDeleted: true },
		]);
		expect(hintsOf(result)).toEqual([
			expect.objectContaining({
				message:
					'No such tag in Bento for items 0, 1, 2 (already deleted, or never created: check the name): nothing was sent for them',
			}),
		]);
	});

	it('two items naming one tag (by ID and by name) send one DELETE', async () => {
		const tags = mockTags();
		const del = mockEndpoint('DELETE', /^\/fetch\/tags\/\d+$/, [[...deleted('lead')]]);
		const result = await runBentoNode({
			parameters: params('={{ $json.ref }}'),
			items: [{ ref: byId('2') }, { ref: byName('lead') }],
		});
		expect(tags.requests).toHaveLength(1);
		expect(del.requests).toHaveLength(1);
		expect(result.outputs[0].map((i) => i.json.alreadyDeleted)).toEqual([false, true]);
	});

	it('a bad item names the item and the field; nothing is sent', async () => {
		const tags = mockTags();
		const { error } = await runBentoNode({
			parameters: params('={{ $json.ref }}'),
			items: [{ ref: byName('lead') }, { ref: byName('a, b') }],
		});
		expect(error?.message).toMatch(/^Item 1: tag "a, b" holds a list/);
		expect(tags.requests).toHaveLength(0);
	});

	it('a DELETE that may have reached Bento is not resent: the list read again tells what it did', async () => {
		const tags = mockTags();
		const del = mockEndpoint('DELETE', /^\/fetch\/tags\/\d+$/, () => {
			// Bento acted, then the answer was lost.
			tags.list = LIVE.map((t) => (t.id === '2' ? tag(2, 'lead', '2026-12-06T00:00:00Z') : t));
			return [503];
		});
		const result = await runBentoNode({
			parameters: params(byId('2'), { options: { retryDelay: 0 } }),
			items: [{}],
		});
		expect(result.error).toBeUndefined();
		expect(del.requests).toHaveLength(1);
		expect(tags.requests).toHaveLength(2);
		expect(result.outputs[0][0].json).toEqual({
			deleted: true,
			id: '2',
			name: 'lead',
			alreadyDeleted: false,
		});
	});

	it('still live after such a failure: the error stands, and Retry On Fail sends no second DELETE', async () => {
		const tags = mockTags();
		const del = mockEndpoint('DELETE', /^\/fetch\/tags\/\d+$/, [[503]]);
		const result = await runBentoNode({
			parameters: params(byId('2'), { options: { retryDelay: 0 } }),
			items: [{}],
			retryOnFail: { maxTries: 3, waitBetweenTries: 0 },
		});
		expect(del.requests).toHaveLength(1);
		expect(tags.requests.length).toBeGreaterThanOrEqual(2);
		expect(result.error?.message).toMatch(
			/^Item 0 failed: Bento answered 503 Service Unavailable \(not retried: it may have been delivered\)/,
		);
	});

	it("a 404 to the DELETE is Bento's word, said plainly (the tag was listed a moment before)", async () => {
		mockTags();
		mockEndpoint('DELETE', /^\/fetch\/tags\/\d+$/, [[404, { error: 'Not found' }]]);
		const { error } = await runBentoNode({ parameters: params(byId('2')), items: [{}] });
		expect(error?.message).toBe(
			'Item 0 failed: Bento answered 404: no tag with ID "2" (name "lead")',
		);
	});

	it('a failed tag list fails the items with no secret; no DELETE goes', async () => {
		mockEndpoint('GET', '/fetch/tags', [[401, { error: 'Unauthorized' }]]);
		const del = mockEndpoint('DELETE', /^\/fetch\/tags\/\d+$/, [[...deleted('lead')]]);
		const result = await runBentoNode({ parameters: params(byId('2')), items: [{}] });
		expect(result.error?.message).toBe('Item 0 failed: Bento answered 401: Unauthorized');
		expect(del.requests).toHaveLength(0);
		const emitted = everythingEmitted(result);
		for (const secret of SECRETS) expect(emitted).not.toContain(secret);
	});
});

describe('Tag > Delete: error classes of the DELETE', () => {
	beforeEach(() => mockTags());
	describeErrorClasses('Tag > Delete', {
		parameters: params(byId('2')),
		method: 'DELETE',
		path: /^\/fetch\/tags\/\d+$/,
		ok: [...deleted('lead')],
		writes: true,
	});
});

describe('Tag > Delete against the stand-in', () => {
	const sandbox = useSandbox();

	it('discards the tag; a second run finds it gone and sends nothing (a second DELETE would restore it)', async () => {
		const store = sandbox().state as unknown as {
			store: { tags: Array<{ name: string; discarded_at: string | null }>; tagDeletes: unknown[] };
		};
		store.store.tags.push({ name: 'spring-2024', discarded_at: null });
		const first = await runAgainst(sandbox(), {
			parameters: params(byName('spring-2024')),
			items: [{}],
		});
		expect(first.error).toBeUndefined();
		expect(first.outputs[0][0].json).toMatchObject({ deleted: true, alreadyDeleted: false });
		const second = await runAgainst(sandbox(), {
			parameters: params(byName('spring-2024')),
			items: [{}],
		});
		expect(second.outputs[0][0].json).toMatchObject({ deleted: true, alreadyDeleted: true });
		expect(store.store.tagDeletes).toEqual([{ id: '2', name: 'spring-2024', restored: false }]);
		expect(store.store.tags[1].discarded_at).not.toBeNull();
		const emitted = everythingEmitted(second);
		for (const secret of SANDBOX_SECRETS) expect(emitted).not.toContain(secret);
	});
});

describe('Tag > Delete: the From List picker', () => {
	it("lists the site's live tags by name and gives their IDs; discarded tags are left out", async () => {
		nock.disableNetConnect();
		const tags = mockTags();
		const all = await searchPicker('searchTagIds');
		expect(all.results).toEqual([
			{ name: 'customer', value: '1' },
			{ name: 'lead', value: '2' },
			{ name: 'VIP', value: '3' },
		]);
		const typed = await searchPicker('searchTagIds', 'vi');
		expect(typed.results).toEqual([{ name: 'VIP', value: '3' }]);
		expect(tags.requests).toHaveLength(1);
	});
});
