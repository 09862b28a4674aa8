/**
 * Email addresses as people paste them: from a mail client (`Ann Lee <ann@example.com>`,
 * `"Doe, Dan" <dan@example.com>`, `<bob@example.com>`), from a web page's link
 * (`mailto:cat@example.com?subject=Hi`) or from Slack (`<mailto:eve@example.com|eve@example.com>`).
 * The one rule, the same in every field that takes an address: the bare address is read and the
 * rest (the display name, `mailto:`, a link's `?subject=...`) is dropped; Bento receives only the
 * address. Pure; no n8n imports.
 */
import { cleanEnds } from './identifiers';

/**
 * `Name <address>`: the name double-quoted (may hold anything, `\"` escaped), single-quoted, or
 * bare (no quote, `<`, `>` or `@`, so that `a@x.com, Bob <b@x.com>` stays a list); commas in a
 * bare name are kept as part of it (`Doe, Dan <dan@example.com>`, as Outlook shows a name).
 */
// A bare name takes its own spaces (no `\s*` after it: two ways to match a run of spaces would
// make a failing match quadratic in its length).
const DISPLAY_FORM = /^(?:(?:"(?:[^"\\]|\\.)*"|'[^'<>]*')\s*|[^"<>@]*)<([^<>]*)>$/s;
const MAILTO = /^mailto:/i;
const ANGLE = /[<>]/;
const SEPARATOR = /[,;]/;

/** Why text that looks like a pasted address cannot be read as one. */
export class AddressProblem {
	constructor(readonly says: string) {}
}

const EXAMPLES = 'ann@example.com, Ann Lee <ann@example.com> or mailto:ann@example.com';

const ANGLE_OR_SEPARATOR = /[<>,;]/;

/**
 * Whether `text` may be anything but one bare address (a pasted form or a list): one scan, so
 * that the bare addresses of 100,000 events cost no more than before.
 */
export function mayBePastedOrList(text: string): boolean {
	return (
		ANGLE_OR_SEPARATOR.test(text) || ((text.charCodeAt(0) | 0x20) === 0x6d && MAILTO.test(text))
	);
}

/**
 * Whether `cleanAddress` gives `text` back as it is without looking further: printable ASCII
 * without spaces, `<`, `>`, `,` or `;`, not a `mailto:` link and not starting with `[` (which may
 * open a JSON list). One pass over the character codes: nearly every address is one.
 */
export function isPlainAddress(text: string): boolean {
	if (text.length === 0 || text.charCodeAt(0) === 0x5b) return false;
	for (let k = 0; k < text.length; k++) {
		const code = text.charCodeAt(k);
		if (code <= 0x20 || code >= 0x7f || code === 0x2c || code === 0x3b) return false;
		if (code === 0x3c || code === 0x3e) return false;
	}
	return !((text.charCodeAt(0) | 0x20) === 0x6d && MAILTO.test(text));
}

/** Whether `text` holds a pasted form (`<`, `>` or a `mailto:` prefix) rather than a bare address. */
export function isPasted(text: string): boolean {
	// A first-letter test before the regex: nearly every address starts with another letter.
	const first = text.charCodeAt(0) | 0x20;
	return (first === 0x6d && MAILTO.test(text)) || ANGLE.test(text);
}

/**
 * The bare address in `text` (already cleaned at its ends): `text` itself when it is no pasted
 * form, or when it holds a comma or semicolon outside a display name (a list: the caller refuses
 * it as one). An AddressProblem saying what was found when `<`, `>` or `mailto:` is there but the
 * text is not one address written in one of the forms above.
 */
export function bareAddress(text: string): string | AddressProblem {
	if (!isPasted(text)) return text;
	let address = text;
	const form = DISPLAY_FORM.exec(text);
	if (form) {
		address = cleanEnds(form[1]);
		if (address === '') return new AddressProblem('has no address between < and >');
	} else if (SEPARATOR.test(text) && text.indexOf('@') !== text.lastIndexOf('@')) {
		return text;
	} else if (!MAILTO.test(text)) {
		return new AddressProblem(`is not one address: write it as ${EXAMPLES}`);
	}
	return MAILTO.test(address) ? fromMailto(address) : address;
}

/** The address of a `mailto:` link: its `?subject=...` part and Slack's `|label` dropped. */
function fromMailto(link: string): string | AddressProblem {
	let address = link.slice('mailto:'.length);
	const end = address.search(/[?|]/);
	if (end !== -1) address = address.slice(0, end);
	if (address.includes('%')) {
		try {
			address = decodeURIComponent(address);
		} catch {
			return new AddressProblem(
				`is a mailto: link with a broken %-escape: write it as ${EXAMPLES}`,
			);
		}
	}
	address = cleanEnds(address);
	if (address === '') return new AddressProblem('is a mailto: link without an address');
	if (isPasted(address)) return new AddressProblem(`is not one address: write it as ${EXAMPLES}`);
	return address;
}
