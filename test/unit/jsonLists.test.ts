// Lists as AI agents and JSON columns send them (issue 31, item 3): a JSON array given as text is
// the list it is wherever a list is accepted, and the same as the real array.
import { tagList as broadcastTags } from '../../nodes/Bento/actions/broadcast/toBentoBroadcast';
import { toCommand } from '../../nodes/Bento/actions/subscriber/commands';
import { tagList as importTags } from '../../nodes/Bento/actions/subscriber/importRecord';
import { Invalid } from '../../nodes/Bento/helpers/invalid';
import { bracketedList } from '../../nodes/Bento/helpers/jsonList';
import { nameList, singleName } from '../../nodes/Bento/helpers/lists';

const message = (checked: unknown) => (checked as Invalid).message;

describe('bracketedList', () => {
	it('parses only text in brackets', () => {
		expect(bracketedList('vip')).toBeUndefined();
		expect(bracketedList('["vip","customer"]')).toEqual(['vip', 'customer']);
		expect(bracketedList('[ "vip" ]')).toEqual(['vip']);
		expect(bracketedList('[]')).toEqual([]);
		expect(bracketedList('[beta]')).toBeUndefined();
		expect(bracketedList('[vip, customer]')).toHaveProperty('notJson');
		expect(bracketedList("['vip']")).toHaveProperty('notJson');
	});
});

describe('nameList (Run Command tag and field lists)', () => {
	it.each([
		['["vip","customer"]'],
		[' ["vip", " customer\u200b"] '],
		[['vip', 'customer']],
		['vip, customer'],
	])('%j gives vip and customer', (value) => {
		expect(nameList(value, 'query')).toEqual(['vip', 'customer']);
	});

	it('a one-name JSON array is that name', () => {
		expect(nameList('["vip"]', 'query')).toEqual(['vip']);
	});

	it.each([
		['[]', 'query is an empty list: give at least one name'],
		[[], 'query is an empty list: give at least one name'],
		['["vip", 3]', 'query: name 2 of the JSON array query must be text (got a number)'],
		[['vip', null], 'query: name 2 of query must be text (got null)'],
		['["vip", ""]', 'query: name 2 of the JSON array query is required'],
		['["a,b"]', 'query: name 1 of the JSON array query "a,b" holds a comma'],
		['[vip, customer]', 'query "[vip, customer]" is a list in brackets that is not valid JSON'],
		['["vip", ["x"]]', 'query: name 2 of the JSON array query must be text (got an array)'],
	])('%j is refused: %s', (value, said) => {
		expect(message(nameList(value, 'query'))).toContain(said);
	});

	it('Run Command sends one command per name of a JSON array, as of the real array', () => {
		const fromText = toCommand({
			command: 'add_tag',
			email: 'Ann <ann@example.com>',
			query: '["vip","customer"]',
		});
		const fromArray = toCommand({
			command: 'add_tag',
			email: 'ann@example.com',
			query: ['vip', 'customer'],
		});
		const expected = [
			{ command: 'add_tag', email: 'ann@example.com', query: 'vip' },
			{ command: 'add_tag', email: 'ann@example.com', query: 'customer' },
		];
		expect(fromText).toEqual(expected);
		expect(fromArray).toEqual(expected);
	});
});

describe('singleName refuses a list of any notation', () => {
	it.each([
		['["vip","customer"]', 'name is a list (a JSON array of 2: "vip", "customer")'],
		[['vip', 'customer'], 'name is a list (an array of 2: "vip", "customer")'],
		['vip, customer', 'name "vip, customer" holds a list (a comma)'],
	])('%j', (value, said) => {
		expect(message(singleName(value, 'name'))).toContain(said);
	});
});

describe("Import's tags and remove_tags", () => {
	it.each([
		['["vip","customer"]'],
		[['vip', 'customer']],
		['vip, customer'],
		[['["vip","customer"]']],
		[['vip', '["customer"]']],
	])('%j is vip,customer', (value) => {
		expect(importTags(value, 'tags')).toBe('vip,customer');
	});

	it('an empty JSON array is no tags; a broken one is refused', () => {
		expect(importTags('[]', 'tags')).toBeUndefined();
		expect(message(importTags('["vip",]', 'tags'))).toContain(
			'tags "["vip",]" is a list in brackets that is not valid JSON',
		);
		expect(message(importTags('["a,b"]', 'remove_tags'))).toBe(
			'remove_tags: the tag name "a,b" contains a comma',
		);
		expect(message(importTags('["vip", 1]', 'tags'))).toBe(
			'tags has a number at position 2; tag names must be text',
		);
	});
});

describe('broadcast tags', () => {
	const rows = (...values: unknown[]) => values.map((value) => ({ tag: { mode: 'name', value } }));

	it.each([
		[rows('["vip","customer"]')],
		[rows(['vip', 'customer'])],
		[rows('vip, customer')],
		[rows('vip', '["customer"]')],
	])('%j is vip,customer', (entries) => {
		expect(broadcastTags(entries, 'inclusiveTags')).toBe('vip,customer');
	});

	it('an empty row is refused; no rows are no tags', () => {
		expect(message(broadcastTags(rows(''), 'inclusiveTags'))).toContain(
			'inclusiveTags is required',
		);
		expect(broadcastTags([], 'inclusiveTags')).toBeUndefined();
		expect(message(broadcastTags(rows(3), 'inclusiveTags'))).toBe(
			'inclusiveTags: a tag must be text (got a number)',
		);
	});
});
