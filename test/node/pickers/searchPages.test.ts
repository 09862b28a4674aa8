import nock from 'nock';

import {
	PICKER_CACHE_MS,
	PICKER_SEARCH_MAX_REQUESTS,
} from '../../../nodes/Bento/methods/pickerPages';
import { useFakeClock } from '../../helpers/fakeClock';
import { BENTO_ORIGIN } from '../../helpers/mockBento';
import { searchPicker } from '../../helpers/runPicker';
import { SANDBOX_KEYS, useSandbox } from '../../helpers/sandbox';

// A search text finds its match on a later page of a paged list: it reads pages (the cached ones
// free) until one matches, at most PICKER_SEARCH_MAX_REQUESTS from Bento per search.
const clock = useFakeClock();

afterEach(() => nock.cleanAll());

/** Answers GET `path` with `pages[page - 1]` (empty after the last); records the pages asked. */
function mockPages(path: string, pages: unknown[][], site?: string[]) {
	const asked: number[] = [];
	nock(BENTO_ORIGIN)
		.get(`/api/v1${path}`)
		.query(true)
		.times(Number.MAX_SAFE_INTEGER)
		.reply((uri) => {
			const query = new URL(uri, BENTO_ORIGIN).searchParams;
			asked.push(Number(query.get('page')));
			site?.push(query.get('site_uuid') ?? '');
			return [200, { data: pages[Number(query.get('page')) - 1] ?? [] }];
		});
	return asked;
}

const sequence = (n: number, name = `Sequence ${n}`) => ({
	id: `sequence_${n}`,
	type: 'sequences',
	attributes: { name, email_templates: [{ id: n * 10, subject: `Email of ${n}` }] },
});
/** `count` pages of 3 sequences, numbered from 1; `named` renames one sequence. */
function pagesOf(count: number, named: Record<number, string> = {}) {
	return Array.from({ length: count }, (_, p) =>
		[1, 2, 3].map((k) => sequence(p * 3 + k, named[p * 3 + k])),
	);
}
const range = (from: number, to: number) =>
	Array.from({ length: to - from + 1 }, (_, k) => from + k);

describe('a search text in a paged picker', () => {
	it('finds a match on page 4 in one search, reading pages 1-4 and no further', async () => {
		const asked = mockPages('/fetch/sequences', pagesOf(6, { 11: 'Abandoned cart' }));
		const found = await searchPicker('searchSequences', 'cart');
		expect(found).toEqual({
			results: [{ name: 'Abandoned cart', value: 'sequence_11' }],
			paginationToken: '0:5',
		});
		expect(asked).toEqual([1, 2, 3, 4]);
		// The same search within the minute: every page from the cache.
		await searchPicker('searchSequences', 'cart');
		expect(asked).toHaveLength(4);
	});

	it(`reads at most ${PICKER_SEARCH_MAX_REQUESTS} pages from Bento per search; the next search goes on past the cached ones`, async () => {
		const match = (PICKER_SEARCH_MAX_REQUESTS * 2 + 1) * 3;
		const asked = mockPages(
			'/fetch/sequences',
			pagesOf(PICKER_SEARCH_MAX_REQUESTS * 3, { [match]: 'Winback' }),
		);
		const first = await searchPicker('searchSequences', 'winback');
		expect(first).toEqual({
			results: [],
			paginationToken: `0:${PICKER_SEARCH_MAX_REQUESTS + 1}`,
		});
		expect(asked).toEqual(range(1, PICKER_SEARCH_MAX_REQUESTS));
		// Typing on: the pages read are free, up to the bound more are read.
		const second = await searchPicker('searchSequences', 'winbac');
		expect(second.results).toEqual([]);
		expect(asked).toEqual(range(1, PICKER_SEARCH_MAX_REQUESTS * 2));
		const third = await searchPicker('searchSequences', 'winback');
		expect(third.results).toEqual([{ name: 'Winback', value: `sequence_${match}` }]);
		expect(asked).toEqual(range(1, PICKER_SEARCH_MAX_REQUESTS * 2 + 1));
	});

	it('scrolling on from a search with no match yet goes on where it stopped', async () => {
		const match = (PICKER_SEARCH_MAX_REQUESTS + 1) * 3;
		const asked = mockPages(
			'/fetch/sequences',
			pagesOf(PICKER_SEARCH_MAX_REQUESTS + 2, { [match]: 'Late one' }),
		);
		const none = await searchPicker('searchSequences', 'late');
		const found = await searchPicker('searchSequences', 'late', none.paginationToken as string);
		expect(found.results).toEqual([{ name: 'Late one', value: `sequence_${match}` }]);
		expect(asked).toEqual(range(1, PICKER_SEARCH_MAX_REQUESTS + 1));
	});

	it('a text that matches nothing ends at the empty page after the last, with no token', async () => {
		const asked = mockPages('/fetch/sequences', pagesOf(2));
		const none = await searchPicker('searchSequences', 'nothing like it');
		expect(none).toEqual({ results: [], paginationToken: undefined });
		expect(asked).toEqual([1, 2, 3]);
	});

	it('browsing without a text still reads one page per search', async () => {
		const asked = mockPages('/fetch/sequences', pagesOf(4));
		const first = await searchPicker('searchSequences');
		expect(first.results).toHaveLength(3);
		expect(asked).toEqual([1]);
	});

	it('a list that ignores `page` ends where a page repeats the one before: no entry twice', async () => {
		const segments = [1, 2].map((n) => ({
			id: `seg_${n}`,
			type: 'segments',
			attributes: { name: `Segment ${n}` },
		}));
		const asked: number[] = [];
		nock(BENTO_ORIGIN)
			.get('/api/v1/fetch/segments')
			.query(true)
			.times(Number.MAX_SAFE_INTEGER)
			.reply((uri) => {
				asked.push(Number(new URL(uri, BENTO_ORIGIN).searchParams.get('page')));
				return [200, { data: segments }];
			});
		const none = await searchPicker('searchSegments', 'churned');
		expect(none).toEqual({ results: [], paginationToken: undefined });
		expect(asked).toEqual([1, 2]);
		// Browsing, then scrolling to the end: page 2 repeats page 1 (cached): the list ends.
		const first = await searchPicker('searchSegments');
		const next = await searchPicker('searchSegments', '', first.paginationToken as string);
		expect(first.results).toHaveLength(2);
		expect(next).toEqual({ results: [], paginationToken: undefined });
		expect(asked).toEqual([1, 2]);
	});

	it('email templates: a text found only in the workflows is reached through the sequences', async () => {
		const sequences = mockPages('/fetch/sequences', pagesOf(2));
		const workflows = mockPages('/fetch/workflows', [
			[
				{
					id: 'w1',
					type: 'workflows',
					attributes: { name: 'Cart', email_templates: [{ id: 77, subject: 'You forgot' }] },
				},
			],
		]);
		const found = await searchPicker('searchEmailTemplates', 'forgot');
		expect(found.results).toEqual([{ name: 'You forgot (workflow: Cart)', value: '77' }]);
		expect(sequences).toEqual([1, 2, 3]);
		expect(workflows).toEqual([1]);
	});

	it("pages are cached per account: another account's search reads its own, and a minute later they are read again", async () => {
		const sites: string[] = [];
		const asked = mockPages('/fetch/sequences', pagesOf(3, { 8: 'Birthday' }), sites);
		await searchPicker('searchSequences', 'birth');
		await searchPicker('searchSequences', 'birth', undefined, { siteUuid: 'another-site' });
		expect(asked).toEqual([1, 2, 3, 1, 2, 3]);
		expect(new Set(sites)).toEqual(new Set(['site-uuid-0123456789abcdef', 'another-site']));
		clock.offsetMs += PICKER_CACHE_MS;
		await searchPicker('searchSequences', 'birth');
		expect(asked).toHaveLength(9);
	});
});

describe('a search text against the stand-in (23 sequences, 10 a page)', () => {
	const sandbox = useSandbox();

	it('finds "Sequence 23" on page 3 in one search', async () => {
		const found = await searchPicker('searchSequences', 'sequence 23', undefined, {
			...SANDBOX_KEYS,
			baseUrl: sandbox().baseUrl,
		});
		expect(found.results).toEqual([{ name: 'Sequence 23', value: 'sequence_23' }]);
		const pages = sandbox()
			.state.requests.filter((r) => r.path === '/api/v1/fetch/sequences')
			.map((r) => r.status);
		expect(pages).toEqual([200, 200, 200]);
	});
});
