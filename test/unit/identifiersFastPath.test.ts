import type { IDataObject } from 'n8n-workflow';

import { isPlainAddress } from '../../nodes/Bento/helpers/address';
import { cleanEnds, findUnseen, isPlainName } from '../../nodes/Bento/helpers/identifiers';
import { Invalid } from '../../nodes/Bento/helpers/invalid';
import {
	checkFlatObject,
	cleanKeys,
	requiredName,
	cleanAddress,
} from '../../nodes/Bento/helpers/validation';

// The printable-ASCII fast paths of cleanEnds, findUnseen and cleanKeys against the Unicode walk
// they skip, over a few thousand generated strings of what real data pastes: controls, DEL,
// tabs and line breaks, NBSP, zero-width characters, emoji with variation selectors, flags,
// lone surrogates.

const ALPHABET = [
	...Array.from({ length: 0x80 }, (_, c) => String.fromCharCode(c)),
	'a',
	'b',
	'Z',
	'1',
	'#',
	'@',
	'.',
	' ',
	' ',
	'-',
	'_',
	'\u00a0',
	'\u00ad',
	'\u200b',
	'\u200c',
	'\u200d',
	'\u200e',
	'\u2060',
	'\ufeff',
	'\u3000',
	'\u0085',
	'\u2028',
	'\u3164',
	'é',
	'ß',
	'ن',
	'界',
	'❤',
	'\ufe0f',
	'\ufe0e',
	'😀',
	'👩',
	'🏴',
	'\u{e0067}',
	'\u{e007f}',
	'\u{1f3fb}',
	'\ud800',
	'\udc00',
	'\ud83d',
];

// A small PRNG, seeded: the same strings every run.
function random(seed: number) {
	let state = seed >>> 0;
	return () => {
		state = (state * 1664525 + 1013904223) >>> 0;
		return state / 2 ** 32;
	};
}

function strings(seed: number, count: number, alphabet = ALPHABET): string[] {
	const next = random(seed);
	const out: string[] = [];
	for (let n = 0; n < count; n++) {
		const length = Math.floor(next() * 8);
		let text = '';
		for (let k = 0; k < length; k++) text += alphabet[Math.floor(next() * alphabet.length)];
		// Most real identifiers are mostly plain: wrap some in printable ASCII.
		out.push(next() < 0.4 ? `v${text}x` : text);
	}
	return out;
}

const ASCII_ONLY = Array.from({ length: 0x80 }, (_, c) => String.fromCharCode(c));
const isPrintable = (text: string) => /^[\x21-\x7e]$/.test(text);

describe('cleanEnds: the fast path gives what the Unicode walk gives', () => {
	it('on 5,000 mixed strings: the same as with a zero-width space at each end (which forces the walk)', () => {
		for (const text of strings(1, 5000)) {
			expect({ text, clean: cleanEnds(text) }).toEqual({
				text,
				clean: cleanEnds(`\u200b${text}\u200b`),
			});
		}
	});

	it('on 5,000 ASCII strings: controls, DEL, tabs, CR/LF and spaces go from both ends, nothing else', () => {
		for (const text of strings(2, 5000, ASCII_ONLY)) {
			const expected = text.replace(/^[\p{Cc} ]+/u, '').replace(/[\p{Cc} ]+$/u, '');
			expect({ text, clean: cleanEnds(text) }).toEqual({ text, clean: expected });
		}
	});

	it('text whose ends are printable ASCII comes back as it is, whatever is inside', () => {
		for (const text of strings(3, 3000)) {
			if (text === '' || !isPrintable(text[0]) || !isPrintable(text[text.length - 1])) continue;
			expect(cleanEnds(text)).toBe(text);
		}
	});

	it.each([
		['DEL at the end', 'vip\u007f', 'vip'],
		['DEL at the start', '\u007fvip', 'vip'],
		['tab and CR LF', '\tvip\r\n', 'vip'],
		['NBSP', '\u00a0vip\u00a0', 'vip'],
		['zero width space', '\u200bvip\u200b', 'vip'],
		['a heart with its variation selector', 'love ❤\ufe0f', 'love ❤\ufe0f'],
		['a variation selector after a letter', 'vip\ufe0f', 'vip'],
		['only spaces and invisibles', ' \u200b\t\u00a0', ''],
		['empty', '', ''],
		['one printable character', 'a', 'a'],
		['one space', ' ', ''],
		['DEL alone', '\u007f', ''],
	])('%s', (_what, text, clean) => {
		expect(cleanEnds(text)).toBe(clean);
	});
});

describe('findUnseen: the fast path gives what the Unicode walk gives', () => {
	it('on 5,000 ASCII strings, as addresses and as names', () => {
		for (const text of strings(4, 5000, ASCII_ONLY)) {
			for (const kind of ['address', 'name'] as const) {
				const bad = kind === 'address' ? /[\p{Cc} ]/u : /\p{Cc}/u;
				const at = text.search(bad);
				const expected = at < 0 ? undefined : { codePoint: text.charCodeAt(at), position: at + 1 };
				expect({ text, kind, found: findUnseen(text, kind) }).toEqual({
					text,
					kind,
					found: expected,
				});
			}
		}
	});

	it('on 5,000 mixed strings: the same as with a visible non-ASCII letter after it (which forces the walk)', () => {
		for (const text of strings(5, 5000)) {
			// A joiner at the end would join the added letter: left out.
			if (/[\u200c\u200d]$/.test(text)) continue;
			for (const kind of ['address', 'name'] as const) {
				expect({ text, kind, found: findUnseen(text, kind) }).toEqual({
					text,
					kind,
					found: findUnseen(`${text}é`, kind),
				});
			}
		}
	});
});

describe('requiredName and cleanAddress on what people paste', () => {
	it.each([
		['a tab inside a tag', 'vip\tgold', 'U+0009 (tab) at character 4'],
		['DEL inside', 'vip\u007fgold', 'U+007F at character 4'],
		['a line feed inside', 'vip\ngold', 'U+000A (line feed) at character 4'],
		['NBSP inside', 'vip\u00a0gold', 'U+00A0 (no-break space) at character 4'],
		['a zero width space inside', 'vip\u200bgold', 'U+200B (zero width space) at character 4'],
	])('a name with %s is refused, naming the character', (_what, text, named) => {
		const name = requiredName(text, 'tag');
		expect(name).toBeInstanceOf(Invalid);
		expect((name as Invalid).message).toContain(named);
	});

	it.each([
		['only spaces', '   ', 'only spaces or invisible characters'],
		['only a tab and a DEL', '\t\u007f', 'only spaces or invisible characters'],
		['empty', '', 'missing'],
	])('a name that is %s is required', (_what, text, got) => {
		const name = requiredName(text, 'tag');
		expect(name).toBeInstanceOf(Invalid);
		expect((name as Invalid).message).toContain(`(got ${got})`);
	});

	it('a space inside an address is refused; inside a name it is kept', () => {
		expect(cleanAddress('ann @example.com')).toBeInstanceOf(Invalid);
		expect(requiredName(' VIP customers ', 'tag')).toBe('VIP customers');
	});
});

describe('cleanKeys: the object itself when no key changes', () => {
	it('keys already clean: the same object, not a copy', () => {
		const fields = { plan: 'pro', 'first name': 'Ann', tier: 2 };
		expect(cleanKeys(fields, 'fields')).toBe(fields);
	});

	it.each([
		['a space', { plan: 1, ' plan': 2 }],
		['a DEL', { plan: 1, 'plan\u007f': 2 }],
		['a zero width space, the changed key first', { 'plan\u200b': 1, plan: 2 }],
		['a tab and an NBSP', { '\tplan': 1, 'plan\u00a0': 2 }],
	])('keys that collide once cleaned (%s) are refused', (_what, fields) => {
		const clean = cleanKeys(fields, 'fields');
		expect(clean).toBeInstanceOf(Invalid);
		expect((clean as Invalid).message).toContain('are both "plan"');
	});

	it('on 3,000 generated objects: clean keys in order, values kept, refused exactly when it must be', () => {
		const next = random(6);
		const keys = strings(7, 20000);
		let used = 0;
		for (let run = 0; run < 3000; run++) {
			const object: IDataObject = {};
			const count = 1 + Math.floor(next() * 4);
			for (let k = 0; k < count; k++) {
				// Skip integer-like keys: JavaScript orders them first, cleaned or not.
				const key = keys[used++ % keys.length];
				if (!/^\d+$/.test(cleanEnds(key))) object[key] = k;
			}
			const names = Object.keys(object).map((key) => [key, cleanEnds(key)] as const);
			const blank = names.some(([, name]) => name === '');
			const unseen = names.some(([, name]) => name !== '' && findUnseen(name, 'name'));
			const collide = new Set(names.map(([, name]) => name)).size < names.length;
			const result = cleanKeys(object, 'fields');
			const where = JSON.stringify(Object.keys(object));
			if (blank || unseen || collide) {
				expect({ where, refused: result instanceof Invalid }).toEqual({ where, refused: true });
				continue;
			}
			expect({ where, result }).toEqual({
				where,
				result: Object.fromEntries(names.map(([key, name]) => [name, object[key]])),
			});
			const same = names.every(([key, name]) => key === name);
			expect({ where, same: result === object }).toEqual({ where, same });
		}
	});
});

describe('cleanKeys and a key named "__proto__" (JSON from n8n\'s editor has it as an own key)', () => {
	it('kept when no other key changes', () => {
		const fields = JSON.parse('{"plan": "pro", "__proto__": "x"}') as Record<string, unknown>;
		const clean = cleanKeys(fields as never, 'fields');
		expect(JSON.parse(JSON.stringify(clean))).toEqual(fields);
	});

	it('kept when another key changes: never silently dropped', () => {
		const fields = JSON.parse('{"plan ": "pro", "__proto__": "x"}') as Record<string, unknown>;
		const clean = cleanKeys(fields as never, 'fields');
		expect(clean).not.toBeInstanceOf(Invalid);
		expect(Object.getPrototypeOf(clean)).toBe(Object.prototype);
		expect(JSON.parse(JSON.stringify(clean))).toEqual(
			JSON.parse('{"plan": "pro", "__proto__": "x"}'),
		);
	});
});

describe('half of a character (a lone surrogate, text cut inside an emoji)', () => {
	it.each([
		['a tag cut inside an emoji', 'vip \ud83d', 'name', 5],
		['a low half first', '\ude00vip', 'name', 1],
		['an address', 'ann\ud83d@example.com', 'address', 4],
	] as const)('%s is refused, naming the half and where it is', (_what, text, kind, position) => {
		expect(findUnseen(text, kind)).toEqual({ codePoint: text.charCodeAt(position - 1), position });
	});

	it('a whole emoji is no half', () => {
		expect(findUnseen('vip 😀', 'name')).toBeUndefined();
	});

	it('the message says the text was cut, and shows the half', () => {
		const name = requiredName('vip \ud83d', 'tag');
		expect(name).toBeInstanceOf(Invalid);
		expect((name as Invalid).message).toBe(
			'tag "vip <U+D83D>" contains U+D83D (half of a character cut in two) at character 5; the text was cut inside a character (often by a length limit in a spreadsheet or database): remove the half, or restore the whole character',
		);
	});
});

describe('isPlainName and isPlainAddress: only text that the whole checks give back as it is', () => {
	// A zero-width space in front forces requiredName and cleanAddress down the whole walk (it is
	// no plain text), which removes it again: for text the fast path passes, the same text.
	const texts = [
		...strings(8, 6000),
		...strings(9, 3000, ASCII_ONLY),
		...strings(10, 1000, ASCII_ONLY).map((text) => `mailto:${text}`),
		...strings(11, 1000, ASCII_ONLY).map((text) => `[${text}]`),
		'ann@example.com',
		'MAILTO:ann@example.com',
		'Mailbox@example.com',
		'["vip","customer"]',
		'[vip',
		'vip]',
		'order placed',
		'a<b@example.com>',
		'a@x.com,b@y.com',
		'a@x.com;',
	];

	it('on 11,000 generated strings and near misses, as names and as addresses', () => {
		let names = 0;
		let addresses = 0;
		for (const text of texts) {
			if (isPlainName(text)) {
				names++;
				expect({ text, name: requiredName(`\u200b${text}`, 'tag') }).toEqual({ text, name: text });
			}
			if (isPlainAddress(text)) {
				addresses++;
				expect({ text, address: cleanAddress(`\u200b${text}`) }).toEqual({ text, address: text });
			}
		}
		// The generator reaches both sides of each test.
		expect(names).toBeGreaterThan(1000);
		expect(addresses).toBeGreaterThan(500);
		expect(texts.length - names).toBeGreaterThan(1000);
	});

	it.each([
		['a JSON list', '["vip","customer"]'],
		['a space at an end', 'vip '],
		['a tab inside', 'vip\tgold'],
		['a non-ASCII letter', 'café'],
		['empty', ''],
	])('%s is no plain name', (_what, text) => {
		expect(isPlainName(text)).toBe(false);
	});

	it.each([
		['mailto:', 'mailto:ann@example.com'],
		['MAILTO:', 'MAILTO:ann@example.com'],
		['a display name', 'Ann <ann@example.com>'],
		['a list', 'a@x.com,b@y.com'],
		['a semicolon', 'a@x.com;'],
		['a space inside', 'ann @example.com'],
		['a JSON list', '["a@x.com"]'],
	])('%s is no plain address', (_what, text) => {
		expect(isPlainAddress(text)).toBe(false);
	});

	it('a bare address starting with m is one', () => {
		expect(isPlainAddress('mailbox@example.com')).toBe(true);
	});
});

describe('checkFlatObject: one pass, the same answers', () => {
	it('clean keys: the object itself; no keys: undefined', () => {
		const fields = { plan: 'pro', 'first name': 'Ann', tier: 2 };
		expect(checkFlatObject(fields)).toBe(fields);
		expect(checkFlatObject({})).toBeUndefined();
	});

	it('a nested value is refused before a key that needs cleaning is looked at', () => {
		const refused = checkFlatObject({ 'plan\u200b': 'pro', tier: 2, address: { city: 'Oslo' } });
		expect(refused).toBeInstanceOf(Invalid);
		expect((refused as Invalid).field).toBe('fields.address');
	});

	it('a key that needs cleaning after clean ones is cleaned', () => {
		expect(checkFlatObject({ plan: 'pro', ' tier\u00a0': 2 })).toEqual({ plan: 'pro', tier: 2 });
	});
});
