/**
 * Lists that arrive as JSON text: an AI agent's tool argument, a JSON or array column read from
 * Postgres, Airtable or a sheet (`'["vip","customer"]'`). Read as the array they are, so that a
 * comma list reader never cuts them into `["vip"` and `"customer"]`. Pure; no n8n imports.
 */

/** What a text that looks like a list in brackets turned out to be. */
export type BracketedText =
	/** Not bracketed, or a plain name such as `[beta]`: read the text as it is. */
	| undefined
	/** A JSON array: its elements, not yet checked. */
	| unknown[]
	/** Brackets around a list that is not JSON (`[vip, customer]`, `['vip']`): why, for errors. */
	| { notJson: string };

const OPEN = 0x5b; // [
const CLOSE = 0x5d; // ]

/**
 * `text` (cleaned at its ends) read as a JSON array when it is one. Only text that starts with
 * `[` and ends with `]` is parsed, so ordinary names cost one character test. Bracketed text that
 * is not JSON is a list in another notation when it holds a comma or a quote (`[vip, customer]`,
 * Python's `['vip']`), and otherwise a name (`[beta]`).
 */
export function bracketedList(text: string): BracketedText {
	if (text.charCodeAt(0) !== OPEN || text.charCodeAt(text.length - 1) !== CLOSE) return undefined;
	try {
		const parsed = JSON.parse(text) as unknown;
		if (Array.isArray(parsed)) return parsed;
	} catch {
		// Not JSON: judged below.
	}
	if (!/[,'"]/.test(text)) return undefined;
	return {
		notJson: `is a list in brackets that is not valid JSON: write it as a JSON array with double quotes (["vip","customer"]) or as names separated by commas (vip, customer)`,
	};
}

/** How an error shows a list's elements: `"vip", "customer"` (at most 3, then "..."). */
export function showElements(list: readonly unknown[]): string {
	const shown = list.slice(0, 3).map((element) => JSON.stringify(element) ?? String(element));
	return list.length > 3 ? `${shown.join(', ')}, ...` : shown.join(', ');
}

/** `a list (a JSON array of 2: "vip", "customer")`: how one-value fields name a list they got. */
export function describeList(list: readonly unknown[], fromText: boolean): string {
	const what = fromText ? 'a JSON array' : 'an array';
	return list.length === 0
		? `an empty list (${what})`
		: `a list (${what} of ${list.length}: ${showElements(list)})`;
}
