/**
 * The keys of an auto-mapped input item, read with the same cleaning as field keys: white space
 * and invisible characters at either end are no part of a key. A CSV saved by Excel starts with a
 * byte order mark, so its first column arrives as `\ufeffemail`; a sheet's header may end in a
 * no-break space. Pure; no n8n imports.
 */
import type { IDataObject } from 'n8n-workflow';

import { cleanEnds, rekeyed, showUnseen } from './identifiers';
import { type Checked, Invalid } from './invalid';

/** Whether a key may need cleaning: its first or last character is not printable ASCII. */
function unclean(key: string): boolean {
	const first = key.charCodeAt(0);
	const last = key.charCodeAt(key.length - 1);
	return !(first > 0x20 && first < 0x7f && last > 0x20 && last < 0x7f);
}

/** What an operation's auto-mapped item may hold, for `readItemKeys`. */
export interface ItemKeys {
	/** The keys the item may hold; any key when undefined (Import's custom fields). */
	allowed?: ReadonlySet<string>;
	/** What the item is, for messages: `an event item`. */
	what: string;
	/** How messages list the allowed keys; by default they joined by commas. */
	listed?: string;
}

/**
 * `json` with its keys cleaned at both ends (`cleanEnds`): `json` itself when no key needs it
 * (nearly always; only keys not allowed, or whose ends are not printable ASCII, are looked at),
 * else a copy with the cleaned keys, values as they are. Invalid when a key is empty once cleaned,
 * when two keys become one (`email` and `\ufeffemail`), or when a key is not allowed; the message
 * names the key as it came, each invisible character shown as `<U+FEFF>`.
 */
export function readItemKeys(json: IDataObject, keys: ItemKeys): Checked<IDataObject> {
	const { allowed } = keys;
	for (const key in json) {
		if (allowed ? !allowed.has(key) : unclean(key)) return renamed(json, keys);
	}
	return json;
}

function renamed(json: IDataObject, keys: ItemKeys): Checked<IDataObject> {
	const { allowed, what } = keys;
	return rekeyed(
		json,
		(key) => {
			const name = unclean(key) ? cleanEnds(key) : key;
			if (name === '')
				return new Invalid(
					key,
					`${what} has the key "${showUnseen(key)}", which is empty once spaces and invisible characters are removed at its ends`,
				);
			return allowed && !allowed.has(name) ? unknownKey(key, name, keys) : name;
		},
		(first, key, name) =>
			new Invalid(
				name,
				`${what} has the keys "${showUnseen(first)}" and "${showUnseen(key)}", which are both "${name}" once spaces and invisible characters are removed at their ends: keep one`,
			),
	);
}

function unknownKey(key: string, name: string, { allowed, what, listed }: ItemKeys): Invalid {
	const keys = [...(allowed ?? [])];
	const cased = keys.find((known) => known.toLowerCase() === name.toLowerCase());
	const hint = cased ? ` (keys are matched as written, case included: use "${cased}")` : '';
	return new Invalid(
		key,
		`unknown key "${showUnseen(key)}": ${what} may only hold ${listed ?? keys.join(', ')}${hint}`,
	);
}

/**
 * For an error saying `key` is missing: the item's key that is `key` in another case (`Email`),
 * as ` (the item has "Email"; keys are matched as written, case included)`, or ''.
 */
export function otherCase(json: IDataObject, key: string): string {
	for (const other in json) {
		if (other !== key && cleanEnds(other).toLowerCase() === key)
			return ` (the item has "${showUnseen(other)}"; keys are matched as written, case included)`;
	}
	return '';
}
