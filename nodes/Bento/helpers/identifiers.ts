/**
 * Cleaning of identifiers (email addresses, tag names, event types, field keys, IDs) pasted from
 * web pages and spreadsheets. JavaScript's `trim()` leaves zero-width and other invisible
 * characters (U+200B, U+2060, U+00AD, bidi marks), and Bento compares identifiers as given: a
 * trailing U+200B makes a person or a tag that no one can type. Pure; n8n's types only.
 */

import type { IDataObject } from 'n8n-workflow';

import { type Checked, Invalid } from './invalid';

/**
 * What is never part of an identifier's ends: Unicode white space, control characters (Cc),
 * format characters (Cf: zero-width spaces and joiners, U+2060, U+FEFF, bidi marks, soft hyphen,
 * tag characters) and the other default-ignorable code points (variation selectors, Hangul fillers),
 * which are all invisible or carry no meaning at the edge of a name.
 */
const UNSEEN = /[\p{White_Space}\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}]/u;
const LEADING = /^[\p{White_Space}\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}]+/u;
// Printable ASCII holds nothing unseen but the space: most identifiers are only that, and these
// plain character classes test them several times faster than the Unicode properties.
const NOT_PRINTABLE_ASCII = /[^\x21-\x7e]/;
const NOT_PRINTABLE_ASCII_OR_SPACE = /[^\x20-\x7e]/;
const isPrintableAscii = (code: number) => code > 0x20 && code < 0x7f;

/**
 * What separates a list typed into one name field. Bento reads commas as separators of tag
 * names (Import's `tags: "a,b"`), so no tag or field key holds one.
 */
export const LIST_SEPARATOR = /,/;

/** What separates a list of addresses (a comma; a semicolon in Outlook): never in one address. */
export const ADDRESS_SEPARATOR = /[,;]/;

const EMOJI = /[\p{Emoji}\p{Emoji_Modifier}]/u;
const ASCII = /^[\x20-\x7e]$/;

/** Names of the characters people paste most often, for error messages. */
const NAMES: Record<number, string> = {
	0x09: 'tab',
	0x0a: 'line feed',
	0x0d: 'carriage return',
	0x20: 'space',
	0xa0: 'no-break space',
	0xad: 'soft hyphen',
	0x200b: 'zero width space',
	0x200c: 'zero width non-joiner',
	0x200d: 'zero width joiner',
	0x200e: 'left-to-right mark',
	0x200f: 'right-to-left mark',
	0x2028: 'line separator',
	0x2060: 'word joiner',
	0x202f: 'narrow no-break space',
	0x3000: 'ideographic space',
	0xfeff: 'zero width no-break space (byte order mark)',
};

/**
 * Removes every white space, control and invisible character from both ends; case is kept. An
 * emoji's own variation selector or a flag's tag characters stay: they are part of what is seen.
 */
export function cleanEnds(text: string): string {
	if (isPrintableAscii(text.charCodeAt(0)) && isPrintableAscii(text.charCodeAt(text.length - 1)))
		return text;
	const start = text.replace(LEADING, '');
	if (start === '' || !UNSEEN.test(start.slice(-2))) return start;
	// Walked from the end rather than a `[...]+$` regex, which is quadratic on long runs of spaces.
	const chars = [...start];
	let end = chars.length;
	while (end > 0 && UNSEEN.test(chars[end - 1])) end--;
	while (end < chars.length && isEmojiPart(chars, end)) end++;
	return chars.slice(0, end).join('');
}

const hex = (codePoint: number) => `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;

/** `U+200B (zero width space)`: how errors name a character. */
export function nameCharacter(codePoint: number): string {
	if (isHalf(codePoint)) return `${hex(codePoint)} (half of a character cut in two)`;
	const name = NAMES[codePoint];
	return name ? `${hex(codePoint)} (${name})` : hex(codePoint);
}

/** The text with every unseen character written as `<U+XXXX>`, so an error message shows it. */
export function showUnseen(text: string): string {
	let shown = '';
	for (const char of text) {
		const code = char.codePointAt(0)!;
		shown += (UNSEEN.test(char) && char !== ' ') || isHalf(code) ? `<${hex(code)}>` : char;
	}
	return shown;
}

/**
 * A UTF-16 surrogate standing alone: half of a character (an emoji, a rare CJK character) whose
 * other half was cut off, e.g. by a spreadsheet formula that cuts text at N characters. JSON
 * carries it as `\ud83d`, which is no character at all.
 */
const isHalf = (code: number) => code >= 0xd800 && code <= 0xdfff;

/**
 * Whether `chars[k]`, an unseen character inside a name, is part of what a person writes: a
 * zero-width (non-)joiner between two non-ASCII characters (Persian, Indic scripts, emoji
 * sequences like 👩‍💻), an emoji variation selector (❤️), a flag's tag characters (🏴 + tags).
 */
function belongsToName(chars: string[], k: number): boolean {
	const code = chars[k].codePointAt(0)!;
	const before = chars[k - 1] ?? '';
	const after = chars[k + 1] ?? '';
	if (isEmojiPart(chars, k)) return true;
	if (code !== 0x200c && code !== 0x200d) return false;
	// A joiner's neighbours are visible, or (in an emoji sequence) a variation selector.
	const joins = (char: string, at: number) =>
		char !== '' && !ASCII.test(char) && (!UNSEEN.test(char) || isEmojiPart(chars, at));
	return joins(before, k - 1) && joins(after, k + 1);
}

/** A variation selector after an emoji (❤️), or a tag character in a flag sequence (🏴 + tags). */
function isEmojiPart(chars: string[], k: number): boolean {
	const code = chars[k].codePointAt(0)!;
	const before = chars[k - 1] ?? '';
	if (code === 0xfe0e || code === 0xfe0f) return EMOJI.test(before);
	if (code < 0xe0020 || code > 0xe007f) return false;
	const previous = before.codePointAt(0) ?? 0;
	return previous === 0x1f3f4 || (previous >= 0xe0020 && previous <= 0xe007e);
}

/**
 * Whether `requiredName` gives `text` back as it is without looking further: printable ASCII,
 * inner spaces only, not starting with `[` (which may open a JSON list). One pass over the
 * character codes: most field keys and event types are such names.
 */
export function isPlainName(text: string): boolean {
	const last = text.length - 1;
	if (last < 0 || text.charCodeAt(0) === 0x5b || !isPrintableAscii(text.charCodeAt(0)))
		return false;
	if (!isPrintableAscii(text.charCodeAt(last))) return false;
	for (let k = 1; k < last; k++) {
		const code = text.charCodeAt(k);
		if (code < 0x20 || code > 0x7e) return false;
	}
	return true;
}

/** Where an unseen character sits inside an identifier: its code point and 1-based position. */
export interface UnseenCharacter {
	codePoint: number;
	/** Counted in characters (code points) of the cleaned identifier, from 1. */
	position: number;
}

/**
 * The first character inside `text` (already cleaned at the ends) that must not be there.
 * `address`: any white space, control or invisible character. `name` (tag names, event types,
 * field keys, IDs): the same, except the plain space U+0020 and what `belongsToName` allows.
 */
export function findUnseen(text: string, kind: 'address' | 'name'): UnseenCharacter | undefined {
	// Nearly every identifier is printable ASCII: one plain scan instead of one per character.
	if (!(kind === 'name' ? NOT_PRINTABLE_ASCII_OR_SPACE : NOT_PRINTABLE_ASCII).test(text))
		return undefined;
	const chars = [...text];
	for (let k = 0; k < chars.length; k++) {
		const codePoint = chars[k].codePointAt(0)!;
		if (!isHalf(codePoint)) {
			if (!UNSEEN.test(chars[k])) continue;
			if (kind === 'name' && (chars[k] === ' ' || belongsToName(chars, k))) continue;
		}
		return { codePoint, position: k + 1 };
	}
	return undefined;
}

/**
 * Why an identifier cannot go, or undefined: `label "a<U+200B>b" contains U+200B (zero width
 * space) at character 2; ...`. `text` is the identifier already cleaned at the ends.
 */
export function unseenProblem(
	text: string,
	kind: 'address' | 'name',
	label: string,
): string | undefined {
	const found = findUnseen(text, kind);
	if (!found) return undefined;
	const what = kind === 'address' ? 'an address' : 'a name';
	const allowed =
		kind === 'address'
			? 'spaces or invisible characters'
			: 'invisible characters or spaces other than the plain space';
	const shown = `${label} "${showUnseen(text)}" contains ${nameCharacter(found.codePoint)} at character ${found.position}`;
	if (isHalf(found.codePoint))
		return `${shown}; the text was cut inside a character (often by a length limit in a spreadsheet or database): remove the half, or restore the whole character`;
	const pasted = found.codePoint === 0x20 ? '' : ' (often pasted from a web page or a spreadsheet)';
	return `${shown}; ${what} must not hold ${allowed}${pasted}: remove it`;
}

/**
 * `object` with each key renamed by `nameOf`, values as they are: the first Invalid `nameOf`
 * gives, or `collision(first, key, name)` when two keys get one name. Defined, not assigned: an
 * own "__proto__" key (JSON.parse makes one) stays a key. For field keys and auto-mapped items.
 */
export function rekeyed(
	object: IDataObject,
	nameOf: (key: string) => Checked<string>,
	collision: (first: string, key: string, name: string) => Invalid,
): Checked<IDataObject> {
	const clean: IDataObject = {};
	const given = new Map<string, string>();
	for (const key in object) {
		const name = nameOf(key);
		if (name instanceof Invalid) return name;
		const first = given.get(name);
		if (first !== undefined) return collision(first, key, name);
		given.set(name, key);
		Object.defineProperty(clean, name, {
			value: object[key],
			enumerable: true,
			writable: true,
			configurable: true,
		});
	}
	return clean;
}
