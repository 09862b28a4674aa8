import nock from 'nock';

import { PICKER_CACHE_MS } from '../../nodes/Bento/methods/pickerPages';
import { useFakeClock } from '../helpers/fakeClock';
import { BENTO_ORIGIN } from '../helpers/mockBento';
import { searchPicker } from '../helpers/runPicker';

// The editor's pickers: one request per search when browsing (a search text: see
// pickers/searchPages.test.ts), answers reused for a minute, so typing in a search box does not
// spend the account's budget that running workflows need.
const clock = useFakeClock();

afterEach(() => nock.cleanAll());

/** Answers GET `path` with `pages[page - 1]` (`page` from the query; 1 when absent). */
function mockList(path: string, pages: unknown[][]) {
	const requests: Array<{ page?: string; site?: string }> = [];
	nock(BENTO_ORIGIN)
		.get(`/api/v1${path}`)
		.query(true)
		.times(Number.MAX_SAFE_INTEGER)
		.reply((uri) => {
			const query = new URL(uri, BENTO_ORIGIN).searchParams;
			requests.push({ page: query.get('page') ?? undefined, site: query.get('site_uuid') ?? '' });
			const page = Number(query.get('page') ?? 1);
			return [200, { data: pages[page - 1] ?? [] }];
		});
	return requests;
}

const tag = (name: string) => ({ id: name, type: 'tags', attributes: { name } });
const sequence = (id: number, name: string, subjects: string[] = []) => ({
	id: String(id),
	type: 'sequences',
	attributes: {
		name,
		email_templates: subjects.map((subject, i) => ({ id: id * 10 + i, subject })),
	},
});

describe('tag picker (one list, no pages)', () => {
	it('a search typed letter by letter reads the list once; a minute later it reads it again', async () => {
		const requests = mockList('/fetch/tags', [[tag('customer'), tag('vip'), tag('cust-2024')]]);
		const typed = ['', 'c', 'cu', 'cus', 'cust', 'cust-'];
		const answers = [];
		for (const filter of typed) answers.push(await searchPicker('searchTags', filter));
		expect(requests).toHaveLength(1);
		expect(answers[0].results.map((r) => r.name)).toEqual(['cust-2024', 'customer', 'vip']);
		expect(answers[4].results.map((r) => r.value)).toEqual(['cust-2024', 'customer']);
		expect(answers[5].results.map((r) => r.value)).toEqual(['cust-2024']);

		clock.offsetMs += PICKER_CACHE_MS;
		await searchPicker('searchTags', 'v');
		expect(requests).toHaveLength(2);
	});

	it("another account's search does not see this one's answer", async () => {
		const requests = mockList('/fetch/tags', [[tag('customer')]]);
		await searchPicker('searchTags');
		await searchPicker('searchTags', '', undefined, { siteUuid: 'another-site' });
		expect(requests.map((r) => r.site)).toEqual(['site-uuid-0123456789abcdef', 'another-site']);
	});

	it('searches at once share one request', async () => {
		const requests = mockList('/fetch/tags', [[tag('customer')]]);
		const answers = await Promise.all(['', 'c', 'cu'].map((f) => searchPicker('searchTags', f)));
		expect(requests).toHaveLength(1);
		expect(answers.map((a) => a.results.length)).toEqual([1, 1, 1]);
	});
});

describe('sequence picker (a paged list)', () => {
	const pages = [
		[sequence(1, 'Onboarding'), sequence(2, 'Winback')],
		[sequence(3, 'Birthday'), sequence(4, 'Abandoned cart')],
	];

	it('one page per search; scrolling on reads the next; the end has no token', async () => {
		const requests = mockList('/fetch/sequences', pages);
		const first = await searchPicker('searchSequences');
		expect(requests.map((r) => r.page)).toEqual(['1']);
		expect(first.results.map((r) => r.name)).toEqual(['Onboarding', 'Winback']);
		const second = await searchPicker('searchSequences', '', first.paginationToken);
		expect(requests.map((r) => r.page)).toEqual(['1', '2']);
		expect(second.results.map((r) => r.value)).toEqual(['4', '3']);
		const end = await searchPicker('searchSequences', '', second.paginationToken);
		expect(end).toEqual({ results: [], paginationToken: undefined });
		expect(requests).toHaveLength(3);
	});

	it('a search whose match is on a page already read costs no request', async () => {
		const requests = mockList('/fetch/sequences', pages);
		const first = await searchPicker('searchSequences');
		await searchPicker('searchSequences', '', first.paginationToken);
		const found = await searchPicker('searchSequences', 'birth');
		expect(found.results).toEqual([{ name: 'Birthday', value: '3' }]);
		expect(requests).toHaveLength(2);
	});

	it('a search with no match on the first page reads on to the page that matches, not the whole list', async () => {
		const requests = mockList('/fetch/sequences', pages);
		const found = await searchPicker('searchSequences', 'cart');
		expect(found.results).toEqual([{ name: 'Abandoned cart', value: '4' }]);
		expect(requests).toHaveLength(2);
	});
});

describe('email template picker (emails of sequences, then of workflows)', () => {
	it('reads one page of one list per search and goes on from sequences to workflows', async () => {
		const sequences = mockList('/fetch/sequences', [[sequence(1, 'Onboarding', ['Welcome!'])]]);
		const workflows = mockList('/fetch/workflows', [[sequence(2, 'Cart', ['You forgot'])]]);
		const first = await searchPicker('searchEmailTemplates');
		expect(first.results).toEqual([{ name: 'Welcome! (sequence: Onboarding)', value: '10' }]);
		const next = await searchPicker('searchEmailTemplates', '', first.paginationToken);
		// Page 2 of sequences is empty: this search's one request; workflows wait for the next.
		expect(next.results).toEqual([]);
		const last = await searchPicker('searchEmailTemplates', '', next.paginationToken);
		expect(last.results).toEqual([{ name: 'You forgot (workflow: Cart)', value: '20' }]);
		expect(sequences).toHaveLength(2);
		expect(workflows).toHaveLength(1);
	});
});
