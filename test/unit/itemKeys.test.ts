// The keys of an auto-mapped item (issue 31, item 4): cleaned at their ends as field keys are,
// errors naming a key as it came with its invisible characters shown.
import { toCommand } from '../../nodes/Bento/actions/subscriber/commands';
import { importItem } from '../../nodes/Bento/actions/subscriber/importRecord';
import { checkEventKeys } from '../../nodes/Bento/actions/event/toBentoEvent';
import { Invalid } from '../../nodes/Bento/helpers/invalid';
import { readItemKeys } from '../../nodes/Bento/helpers/itemKeys';

const message = (checked: unknown) => (checked as Invalid).message;
const EVENT = { allowed: new Set(['type', 'email']), what: 'an event item' };

describe('readItemKeys', () => {
	it('gives the item itself when its keys are clean', () => {
		const json = { type: 'x', email: 'a@example.com' };
		expect(readItemKeys(json, EVENT)).toBe(json);
		const custom = { email: 'a@example.com', plan: 'pro' };
		expect(readItemKeys(custom, { what: 'a subscriber item' })).toBe(custom);
	});

	it.each([['\ufeffemail'], ['email\u00a0'], [' email '], ['\u200bemail\u200b'], ['email\t']])(
		'%j is the key email',
		(key) => {
			expect(readItemKeys({ type: 'x', [key]: 'a@example.com' }, EVENT)).toEqual({
				type: 'x',
				email: 'a@example.com',
			});
		},
	);

	it('refuses two keys that become one, naming both as they came', () => {
		const checked = readItemKeys({ email: 'a@example.com', '\ufeffemail': 'b@example.com' }, EVENT);
		expect(checked).toBeInstanceOf(Invalid);
		expect((checked as Invalid).field).toBe('email');
		expect(message(checked)).toBe(
			'an event item has the keys "email" and "<U+FEFF>email", which are both "email" once spaces and invisible characters are removed at their ends: keep one',
		);
	});

	it('an unknown key is named as it came, with a hint when only its case differs', () => {
		expect(message(readItemKeys({ '\ufeffmail': 'a@example.com' }, EVENT))).toBe(
			'unknown key "<U+FEFF>mail": an event item may only hold type, email',
		);
		expect(message(readItemKeys({ '\ufeffEmail': 'a@example.com' }, EVENT))).toBe(
			'unknown key "<U+FEFF>Email": an event item may only hold type, email (keys are matched as written, case included: use "email")',
		);
		expect(message(readItemKeys({ 'e\u200bmail': 'a@example.com' }, EVENT))).toBe(
			'unknown key "e<U+200B>mail": an event item may only hold type, email',
		);
	});

	it('refuses a key that is empty once cleaned', () => {
		expect(message(readItemKeys({ '\u200b': 1 }, { what: 'a subscriber item' }))).toBe(
			'a subscriber item has the key "<U+200B>", which is empty once spaces and invisible characters are removed at its ends',
		);
	});

	it('keeps an own __proto__ key a key', () => {
		const json = JSON.parse('{"__proto__ ": {"x": 1}, "\\ufeffemail": "a@example.com"}');
		const checked = readItemKeys(json, { what: 'a subscriber item' }) as Record<string, unknown>;
		expect(Object.keys(checked)).toEqual(['__proto__', 'email']);
	});
});

describe('the operations read item keys through it', () => {
	it('Create Events: a BOM-led email key is email', () => {
		expect(checkEventKeys({ type: 'signup', '\ufeffemail': 'a@example.com' })).toEqual({
			type: 'signup',
			email: 'a@example.com',
		});
	});

	it('Import: an Excel CSV row', () => {
		expect(
			importItem({ '\ufeffemail': 'ann@example.com', first_name: 'Ann', 'plan\u00a0': 'pro' }),
		).toEqual({ email: 'ann@example.com', first_name: 'Ann', plan: 'pro' });
	});

	it('Import: a missing email names a key that is email in another case', () => {
		expect(message(importItem({ '\ufeffEmail': 'ann@example.com' }))).toBe(
			'email is required and must be text (got missing) (the item has "<U+FEFF>Email"; keys are matched as written, case included)',
		);
	});

	it('Run Command: keys cleaned too', () => {
		expect(toCommand({ '\ufeffcommand': 'subscribe', 'email ': 'a@example.com' })).toEqual({
			command: 'subscribe',
			email: 'a@example.com',
		});
	});
});
