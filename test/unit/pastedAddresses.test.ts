// Addresses as people paste them (issue 31, item 2): one rule in every address field, the bare
// address read from a display-name form, angle brackets or a mailto: link, or a refusal naming
// the field and what was found.
import { bareAddress, AddressProblem } from '../../nodes/Bento/helpers/address';
import { Invalid } from '../../nodes/Bento/helpers/invalid';
import { checkEmail, cleanAddress, requiredName } from '../../nodes/Bento/helpers/validation';

const message = (checked: unknown) => (checked as Invalid).message;

describe('checkEmail reads the bare address of a pasted form', () => {
	it.each([
		['ann@example.com', 'ann@example.com'],
		['Ann Lee <ann@example.com>', 'ann@example.com'],
		['"Doe, Dan" <dan@example.com>', 'dan@example.com'],
		['Doe, Dan <dan@example.com>', 'dan@example.com'],
		['"Dan \\"The Man\\" Doe" <dan@example.com>', 'dan@example.com'],
		['"dan@example.com" <dan@example.com>', 'dan@example.com'],
		["'dan@example.com' <dan@example.com>", 'dan@example.com'],
		["O'Brien, Pat <pat@example.com>", 'pat@example.com'],
		['<bob@example.com>', 'bob@example.com'],
		[' < bob@example.com > ', 'bob@example.com'],
		['Bob<bob@example.com>', 'bob@example.com'],
		['mailto:cat@example.com', 'cat@example.com'],
		['MAILTO:cat@example.com', 'cat@example.com'],
		['mailto:cat@example.com?subject=Hi&body=x', 'cat@example.com'],
		['mailto:cat%2Bnews@example.com', 'cat+news@example.com'],
		['<mailto:eve@example.com|eve@example.com>', 'eve@example.com'],
		['Eve <mailto:eve@example.com>', 'eve@example.com'],
		['mailto:<eve@example.com>', 'eve@example.com'],
		['\ufeffAnn Lee <ann@example.com>\u200b', 'ann@example.com'],
		['Ann Lee <ann@example.com\u200b>', 'ann@example.com'],
	])('%j is %j', (pasted, bare) => {
		expect(checkEmail(pasted)).toBe(bare);
	});

	it('keeps the case and what a bare address holds', () => {
		expect(checkEmail('Ann <Ann.Lee+news@Example.com>')).toBe('Ann.Lee+news@Example.com');
		expect(bareAddress('ann@example.com')).toBe('ann@example.com');
	});

	it('is the same rule for Validate Email, which leaves the shape to Bento', () => {
		expect(cleanAddress('Ann <not-an-address>')).toBe('not-an-address');
		expect(cleanAddress('mailto:ann@example.com', 'email')).toBe('ann@example.com');
	});
});

describe('a display name with a comma is never called a list; two addresses are', () => {
	it.each([
		['a@example.com, b@example.com'],
		['Ann <a@example.com>, Bob <b@example.com>'],
		['"Doe, Dan" <dan@example.com>; bob@example.com'],
		['a@example.com, Bob <b@example.com>'],
		['mailto:a@example.com,b@example.com'],
		['<a@example.com, b@example.com>'],
	])('%j is a list', (pasted) => {
		expect(message(checkEmail(pasted, 'to'))).toMatch(
			/^to .* holds a list \(a comma or semicolon\): it takes one address per item/,
		);
	});

	it('a comma with one address is a broken paste, said so', () => {
		expect(message(checkEmail('Doe, Dan dan@example.com'))).toBe(
			'email "Doe, Dan dan@example.com" holds a comma or semicolon, which no address holds: write one address, e.g. ann@example.com or "Lee, Ann" <ann@example.com> (a name with a comma in quotes)',
		);
	});
});

describe('what cannot be read as one address is refused saying what was found', () => {
	it.each([
		[
			'Ann Lee <ann@example.com',
			'email "Ann Lee <ann@example.com" is not one address: write it as ann@example.com, Ann Lee <ann@example.com> or mailto:ann@example.com',
		],
		['ann@example.com>', 'email "ann@example.com>" is not one address'],
		['<ann@example.com> Ann', 'email "<ann@example.com> Ann" is not one address'],
		['Ann <>', 'email "Ann <>" has no address between < and >'],
		['mailto:', 'email "mailto:" is a mailto: link without an address'],
		['mailto:?subject=x', 'email "mailto:?subject=x" is a mailto: link without an address'],
		[
			'mailto:a%zz@example.com',
			'email "mailto:a%zz@example.com" is a mailto: link with a broken %-escape',
		],
	])('%j', (pasted, said) => {
		const checked = checkEmail(pasted);
		expect(checked).toBeInstanceOf(Invalid);
		expect((checked as Invalid).field).toBe('email');
		expect(message(checked)).toContain(said);
	});

	it('names the pasted text and the address read from it when the address is bad', () => {
		expect(message(checkEmail('Ann <not-an-address>', 'from'))).toBe(
			'from "Ann <not-an-address>": the address "not-an-address" is not a valid address',
		);
		expect(message(checkEmail('Ann <a\u200bb@example.com>'))).toContain(
			'email "Ann <a<U+200B>b@example.com>": the address "a<U+200B>b@example.com" contains U+200B (zero width space) at character 2',
		);
		expect(message(checkEmail('Ann Lee ann@example.com'))).toContain(
			'email "Ann Lee ann@example.com" contains U+0020 (space) at character 4',
		);
	});

	it('an AddressProblem is what bareAddress gives for a broken form', () => {
		expect(bareAddress('Ann <a@example.com')).toBeInstanceOf(AddressProblem);
	});
});

describe('a list where one address or name is expected', () => {
	it.each([
		[
			['a@example.com', 'b@example.com'],
			'email is a list (an array of 2: "a@example.com", "b@example.com")',
		],
		[
			'["a@example.com","b@example.com"]',
			'email is a list (a JSON array of 2: "a@example.com", "b@example.com")',
		],
		['["a@example.com"]', 'email is a list (a JSON array of 1: "a@example.com")'],
		['[]', 'email is an empty list (a JSON array)'],
	])('%j is refused as a list', (value, said) => {
		expect(message(checkEmail(value))).toBe(
			`${said}: it takes one address per item; make one item per address (e.g. with n8n's Split Out node)`,
		);
	});

	it('a JSON array as text is refused as a name too; a bracketed name is a name', () => {
		expect(message(requiredName('["vip","customer"]', 'name'))).toBe(
			'name is a list (a JSON array of 2: "vip", "customer"): it takes one name per item; make one item per name (e.g. with n8n\'s Split Out node)',
		);
		expect(message(requiredName(['vip'], 'name'))).toContain(
			'name is a list (an array of 1: "vip")',
		);
		expect(requiredName('[beta]', 'name')).toBe('[beta]');
		expect(message(requiredName("['vip', 'customer']", 'name'))).toContain(
			"name \"['vip', 'customer']\" is a list in brackets that is not valid JSON",
		);
	});
});

describe('long text', () => {
	it('a long run of spaces before a broken bracket is refused as fast as a short one', () => {
		// No timing asserted: a quadratic pattern would take minutes here, not fail.
		const text = `Ann${' '.repeat(200_000)}ann@example.com>`;
		expect(message(checkEmail(text))).toContain('is not one address');
	});

	it('a long address with many dots is judged as fast as a short one', () => {
		// The former /^[^\s@]+@[^\s@]+\.[^\s@]+$/ took seconds on 40,000 characters like these.
		const text = `a@${'a.'.repeat(100_000)}@`;
		expect(message(checkEmail(text))).toContain('is not a valid address');
		expect(checkEmail(`a@${'a.'.repeat(100_000)}com`)).toBe(`a@${'a.'.repeat(100_000)}com`);
	});
});
