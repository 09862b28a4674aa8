import { toBentoBroadcast } from '../../nodes/Bento/actions/broadcast/toBentoBroadcast';
import { toBentoEvent } from '../../nodes/Bento/actions/event/toBentoEvent';
import { toCommand } from '../../nodes/Bento/actions/subscriber/commands';
import { toImportRecord } from '../../nodes/Bento/actions/subscriber/importRecord';
import { cleanEnds, findUnseen, showUnseen } from '../../nodes/Bento/helpers/identifiers';
import { Invalid } from '../../nodes/Bento/helpers/invalid';
import {
	checkEmail,
	checkFlatObject,
	cleanAddress,
	requiredName,
} from '../../nodes/Bento/helpers/validation';

const hex = (char: string) =>
	`U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

// Every class the cleaning covers: spaces, controls, zero-width, bidi, soft hyphen, fillers.
const UNSEEN: Array<[name: string, char: string]> = [
	['space', ' '],
	['no-break space', '\u00a0'],
	['thin space', '\u2009'],
	['ideographic space', '\u3000'],
	['narrow no-break space', '\u202f'],
	['tab', '\t'],
	['line feed', '\n'],
	['carriage return', '\r'],
	['next line', '\u0085'],
	['line separator', '\u2028'],
	['paragraph separator', '\u2029'],
	['NUL', '\u0000'],
	['DEL', '\u007f'],
	['soft hyphen', '\u00ad'],
	['zero width space', '\u200b'],
	['zero width non-joiner', '\u200c'],
	['zero width joiner', '\u200d'],
	['left-to-right mark', '\u200e'],
	['right-to-left mark', '\u200f'],
	['right-to-left override', '\u202e'],
	['word joiner', '\u2060'],
	['left-to-right isolate', '\u2066'],
	['byte order mark', '\ufeff'],
	['Mongolian vowel separator', '\u180e'],
	['Hangul filler', '\u3164'],
	['variation selector 16', '\ufe0f'],
	['tag latin small a', '\u{e0061}'],
	['interlinear annotation anchor', '\ufff9'],
];

describe('cleanEnds', () => {
	it.each(UNSEEN)('removes %s at the start and at the end', (_name, char) => {
		expect(cleanEnds(`${char}User@Example.com`)).toBe('User@Example.com');
		expect(cleanEnds(`User@Example.com${char}`)).toBe('User@Example.com');
		expect(cleanEnds(`${char}${char}vip${char}`)).toBe('vip');
	});

	it('removes a mix of them, keeps what is inside and keeps case', () => {
		expect(cleanEnds('\u200b \ufeff\tUser@Example.com\u00a0\u2060\r\n')).toBe('User@Example.com');
		expect(cleanEnds(' VIP customers ')).toBe('VIP customers');
		expect(cleanEnds('\u200b\u200b')).toBe('');
	});

	it("keeps an emoji's variation selector and a flag's tag characters at the end", () => {
		const england = '🏴\u{e0067}\u{e0062}\u{e0065}\u{e006e}\u{e0067}\u{e007f}';
		expect(cleanEnds('fans ❤\ufe0f\u200b ')).toBe('fans ❤\ufe0f');
		expect(cleanEnds(`fans ${england}\u200b`)).toBe(`fans ${england}`);
		expect(cleanEnds('vip\ufe0f')).toBe('vip');
	});

	it('leaves visible characters alone, including non-ASCII and emoji', () => {
		for (const text of [
			'José',
			'Łódź',
			'東京',
			'ü@exämple.com',
			'❤️',
			'🏴\u{e0067}\u{e0062}\u{e0065}\u{e006e}\u{e0067}\u{e007f}',
		])
			expect(cleanEnds(text)).toBe(text);
	});
});

describe('email addresses (checkEmail): the same everywhere', () => {
	it('sends " User@Example.com\\u200b" as "User@Example.com": ends cleaned, case kept', () => {
		expect(checkEmail(' User@Example.com\u200b')).toBe('User@Example.com');
	});

	it.each(UNSEEN)('refuses %s inside an address, naming it and where', (_name, char) => {
		const result = checkEmail(`a${char}b@example.com`, 'to');
		expect(result).toBeInstanceOf(Invalid);
		expect((result as Invalid).field).toBe('to');
		expect((result as Invalid).message).toMatch(
			new RegExp(`^to ".+" contains ${hex(char).replace('+', '\\+')}.* at character 2; `),
		);
	});

	it.each(UNSEEN)('refuses %s in the domain too', (_name, char) => {
		expect(findUnseen(`ann@exa${char}mple.com`, 'address')).toEqual({
			codePoint: char.codePointAt(0),
			position: 8,
		});
	});

	it('says exactly what is wrong, with the character shown', () => {
		expect(checkEmail('a\u200bb@example.com')).toEqual(
			new Invalid(
				'email',
				'email "a<U+200B>b@example.com" contains U+200B (zero width space) at character 2; an address must not hold spaces or invisible characters (often pasted from a web page or a spreadsheet): remove it',
			),
		);
	});

	it('counts the position in characters of the cleaned address (emoji count as one)', () => {
		const result = checkEmail(' 😀a\u2060b@example.com') as Invalid;
		expect(result.message).toContain('U+2060 (word joiner) at character 3');
	});

	it('still checks the shape after cleaning, and reports blank or missing input', () => {
		expect(checkEmail('not-an-email\u200b')).toEqual(
			new Invalid('email', 'email "not-an-email" is not a valid address'),
		);
		expect((checkEmail('\u200b \ufeff') as Invalid).message).toBe(
			'email is required and must be text (got only spaces or invisible characters)',
		);
		expect((checkEmail(undefined) as Invalid).message).toBe(
			'email is required and must be text (got missing)',
		);
		expect((checkEmail(42) as Invalid).message).toBe(
			'email is required and must be text (got a number)',
		);
	});

	it('cleanAddress (Validate Email) cleans and refuses the same, without the shape check', () => {
		expect(cleanAddress('\u200bnot-an-email ')).toBe('not-an-email');
		expect(cleanAddress('a\u200bb')).toBeInstanceOf(Invalid);
	});
});

describe('names: tag names, event types, field keys, IDs (requiredName)', () => {
	it.each(UNSEEN)('cleans %s at the ends of a tag name', (_name, char) => {
		expect(requiredName(`${char}VIP customers${char}`, 'tag')).toBe('VIP customers');
	});

	const insideRefused = UNSEEN.filter(([name]) => name !== 'space');
	it.each(insideRefused)('refuses %s inside a name, naming the field', (_name, char) => {
		const result = requiredName(`vip${char}fans`, 'tag');
		expect(result).toBeInstanceOf(Invalid);
		expect((result as Invalid).field).toBe('tag');
		expect((result as Invalid).message).toContain(`contains ${hex(char)}`);
		expect((result as Invalid).message).toContain('at character 4');
	});

	it('keeps a plain space inside a name', () => {
		expect(requiredName(' VIP customers ', 'tag')).toBe('VIP customers');
	});

	it.each([
		['an emoji ZWJ sequence', '👩\u200d💻 devs'],
		['a flag with a variation selector and ZWJ', '🏳\ufe0f\u200d🌈 pride'],
		['an emoji variation selector', '❤\ufe0f fans'],
		['a keycap', '1\ufe0f\u20e3 first'],
		[
			'a subdivision flag (tag characters)',
			'🏴\u{e0067}\u{e0062}\u{e0065}\u{e006e}\u{e0067}\u{e007f} fans',
		],
		['Persian with a zero-width non-joiner', 'می\u200cخواهم'],
		['Devanagari with a zero-width joiner', 'क्\u200dष'],
	])('keeps %s inside a name', (_name, text) => {
		expect(requiredName(text, 'tag')).toBe(text);
	});

	it.each([
		['a joiner between ASCII letters', 'vi\u200cp', 3],
		['a joiner next to a space', 'می \u200cخواهم', 4],
		['a variation selector after a letter', 'vi\ufe0fp', 3],
		['a tag character outside a flag', 'vi\u{e0061}p', 3],
	])('refuses %s', (_name, text, position) => {
		expect((requiredName(text, 'tag') as Invalid).message).toContain(`at character ${position}`);
	});

	it('reports a blank name like a missing one, and labels it when asked', () => {
		expect((requiredName('\u200b', 'name') as Invalid).message).toBe(
			'name is required and must be text (got only spaces or invisible characters)',
		);
		expect((requiredName('a\u200bb', 'tags', 'tags: tag 2') as Invalid).message).toMatch(
			/^tags: tag 2 "a<U\+200B>b" contains U\+200B/,
		);
	});

	it('showUnseen marks every unseen character except the plain space', () => {
		expect(showUnseen('a b\u00a0c\u200b')).toBe('a b<U+00A0>c<U+200B>');
	});
});

describe('each operation uses the same cleaning', () => {
	it('Create Events: type, email and field keys', () => {
		expect(
			toBentoEvent({
				type: '\u200b$purchase\ufeff',
				email: ' User@Example.com\u200b',
				fields: { ' first_name\u2060': 'Ann' },
			}),
		).toEqual({ type: '$purchase', email: 'User@Example.com', fields: { first_name: 'Ann' } });
		expect(toBentoEvent({ type: '$pur\u200bchase', email: 'a@b.co' })).toEqual(
			expect.objectContaining({ field: 'type' }),
		);
	});

	it('field keys: an invisible character inside, or two keys that clean to one, are refused', () => {
		expect(checkFlatObject({ 'pl\u200ban': 1 })).toEqual(
			expect.objectContaining({ field: 'fields', message: expect.stringContaining('U+200B') }),
		);
		expect((checkFlatObject({ plan: 1, 'plan\u200b': 2 }) as Invalid).message).toBe(
			'fields: the keys "plan" and "plan<U+200B>" are both "plan" once spaces and invisible characters are removed at their ends',
		);
		const clean = { plan: 'pro' };
		expect(checkFlatObject(clean)).toBe(clean);
	});

	it('Run Command: email, tag, field key, add_field key and change_email', () => {
		expect(
			toCommand({ command: 'add_tag', email: ' Ann@Example.com\u200b', query: '\ufeffvip ' }),
		).toEqual({
			command: 'add_tag',
			email: 'Ann@Example.com',
			query: 'vip',
		});
		expect(toCommand({ command: 'remove_field', email: 'a@b.co', query: 'plan\u200b' })).toEqual(
			expect.objectContaining({ query: 'plan' }),
		);
		expect(
			toCommand({ command: 'add_field', email: 'a@b.co', query: { key: ' plan\u2060', value: 1 } }),
		).toEqual(expect.objectContaining({ query: { key: 'plan', value: 1 } }));
		expect(
			toCommand({ command: 'change_email', email: 'a@b.co', query: ' New@Example.com\u200b' }),
		).toEqual(expect.objectContaining({ query: 'New@Example.com' }));
		expect(
			toCommand({ command: 'change_email', email: 'a@b.co', query: 'n\u200bew@b.co' }),
		).toEqual(
			expect.objectContaining({
				field: 'query',
				message: expect.stringMatching(/^query ".*U\+200B/),
			}),
		);
		expect(toCommand({ command: 'add_tag', email: 'a@b.co', query: 'v\u200bip' })).toEqual(
			expect.objectContaining({ field: 'query' }),
		);
	});

	it('Import: email, tag names and custom field keys', () => {
		expect(
			toImportRecord({
				email: '\u200bUser@Example.com ',
				tags: ' vip\u200b, new ',
				remove_tags: ['\ufefflead'],
				' plan\u200b': 'pro',
			}),
		).toEqual({ email: 'User@Example.com', tags: 'vip,new', remove_tags: 'lead', plan: 'pro' });
		expect(toImportRecord({ email: 'a@b.co', tags: 'vip,n\u200bew' })).toEqual(
			expect.objectContaining({ field: 'tags', message: expect.stringMatching(/^tags: tag 2 /) }),
		);
		expect(toImportRecord({ email: 'a@b.co', 'pl\u200ban': 1 })).toEqual(
			expect.objectContaining({ field: 'custom fields' }),
		);
		expect(toImportRecord({ email: 'a@b.co', 'tags\u200b': 'x' })).toEqual(
			expect.objectContaining({ message: expect.stringContaining('a key is "tags"') }),
		);
	});

	it('Create Broadcasts: from address and tag names', () => {
		const broadcast = toBentoBroadcast({
			name: 'n',
			subject: 's',
			content: 'c',
			type: 'plain',
			fromEmail: ' News@Example.com\u200b',
			fromName: '',
			inclusiveTags: [{ tag: { mode: 'id', value: '\u200bvip, new\ufeff' } }],
			exclusiveTags: [{ tag: 'v\u200bip' }],
			segmentId: '',
			batchSizePerHour: 10,
		});
		expect(broadcast).toEqual(
			expect.objectContaining({
				field: 'exclusiveTags',
				message: expect.stringContaining('U+200B'),
			}),
		);
		const ok = toBentoBroadcast({
			name: 'n',
			subject: 's',
			content: 'c',
			type: 'plain',
			fromEmail: ' News@Example.com\u200b',
			fromName: '',
			inclusiveTags: [{ tag: { mode: 'id', value: '\u200bvip, new\ufeff' } }],
			exclusiveTags: [],
			segmentId: '',
			batchSizePerHour: 10,
		});
		expect(ok).toEqual(
			expect.objectContaining({ from: { email: 'News@Example.com' }, inclusive_tags: 'vip,new' }),
		);
	});
});
