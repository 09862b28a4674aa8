import type { IDataObject } from 'n8n-workflow';

import { AddressProblem, bareAddress, isPlainAddress, mayBePastedOrList } from './address';
import {
	ADDRESS_SEPARATOR,
	cleanEnds,
	isPlainName,
	rekeyed,
	showUnseen,
	unseenProblem,
} from './identifiers';
import { type Checked, Invalid } from './invalid';
import { bracketedList, describeList } from './jsonList';

// Deliberately loose, Bento has the final word: /^[^\s@]+@[^\s@]+\.[^\s@]+$/ without its
// quadratic backtracking on long text; `text` holds no white space (cleanAddress refused it).
function looksLikeAddress(text: string): boolean {
	const at = text.indexOf('@');
	if (at < 1 || at !== text.lastIndexOf('@')) return false;
	const dot = text.indexOf('.', at + 2);
	return dot !== -1 && dot < text.length - 1;
}

/**
 * Whether `value` is a plain object (`{...}` or `Object.create(null)`) of any JavaScript realm.
 * An answer the transport gives again to a re-run (a structuredClone) or an object built in
 * another context (a vm sandbox, Jest's test context) has that realm's Object.prototype, not
 * ours; class instances (Date, Luxon's DateTime, Map) are not plain whichever realm made them.
 */
export function isPlainObject(value: unknown): value is IDataObject {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
	const proto = Object.getPrototypeOf(value) as object | null;
	return proto === null || Object.getPrototypeOf(proto) === null;
}

function hasKeys(value: IDataObject): boolean {
	for (const _ in value) return true;
	return false;
}

export function describe(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'an array';
	return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** Reads an object parameter that may also arrive as a JSON string (n8n's JSON editor). */
export function parseObjectValue(value: unknown, field: string): unknown {
	if (typeof value !== 'string') return value;
	const text = value.trim();
	if (text === '') return undefined;
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return new Invalid(field, `${field} is not valid JSON`);
	}
}

export function requiredText(value: unknown, field: string): Checked<string> {
	if (typeof value === 'string' && value.trim() !== '') return value.trim();
	const got = value === undefined || value === '' ? 'missing' : describe(value);
	return new Invalid(field, `${field} is required and must be text (got ${got})`);
}

/**
 * An identifier (tag name, event type, field key, ID) as Bento takes it: text, cleaned at both
 * ends of white space and invisible characters (helpers/identifiers.ts), case kept. Invalid when
 * missing, blank, or holding an invisible character inside (a plain space inside is kept).
 * `label` names it in the message when `field` alone would not (`tags: the name at position 2`).
 */
export function requiredName(value: unknown, field: string, label = field): Checked<string> {
	return requiredClean(value, field, 'name', label);
}

/**
 * An email address cleaned as every operation cleans one: white space and invisible characters
 * removed from both ends, case kept. Invalid when missing, or with a space or an invisible
 * character inside (named as U+XXXX, with its position). Does not check the address's shape:
 * that is `checkEmail` (Validate Email leaves it to Bento).
 */
export function cleanAddress(value: unknown, field = 'email'): Checked<string> {
	return requiredClean(value, field, 'address', field);
}

/** `cleanAddress`, then the one check every operation makes that the text looks like an address. */
export function checkEmail(value: unknown, field = 'email'): Checked<string> {
	const email = cleanAddress(value, field);
	if (email instanceof Invalid || looksLikeAddress(email)) return email;
	const given = cleanEnds(value as string);
	const shown = given === email ? `"${email}"` : `"${given}": the address "${email}"`;
	return new Invalid(field, `${field} ${shown} is not a valid address`);
}

function requiredClean(
	value: unknown,
	field: string,
	kind: 'address' | 'name',
	label: string,
): Checked<string> {
	if (typeof value === 'string' && (kind === 'name' ? isPlainName(value) : isPlainAddress(value)))
		return value;
	if (Array.isArray(value)) return listRefused(value, false, field, kind, label);
	const given = typeof value === 'string' ? cleanEnds(value) : '';
	const list = bracketedList(given);
	if (list !== undefined) {
		if (!Array.isArray(list)) return new Invalid(field, `${label} "${given}" ${list.notJson}`);
		return listRefused(list, true, field, kind, label);
	}
	let text = given;
	if (kind === 'address' && mayBePastedOrList(given)) {
		const bare = bareAddress(given);
		if (bare instanceof AddressProblem)
			return new Invalid(field, `${label} "${given}" ${bare.says}`);
		if (bare !== given) {
			text = bare;
			label = `${label} "${showUnseen(given)}": the address`;
		}
		if (ADDRESS_SEPARATOR.test(text)) return addressList(text, field, label);
	}
	if (text === '') {
		const got =
			value === undefined || value === ''
				? 'missing'
				: typeof value === 'string'
					? 'only spaces or invisible characters'
					: describe(value);
		return new Invalid(field, `${label} is required and must be text (got ${got})`);
	}
	const problem = unseenProblem(text, kind, label);
	return problem ? new Invalid(field, problem) : text;
}

/** A comma or semicolon in an address: a list when it holds two `@`, else a broken paste. */
function addressList(text: string, field: string, label: string): Invalid {
	if (text.indexOf('@') === text.lastIndexOf('@'))
		return new Invalid(
			field,
			`${label} "${text}" holds a comma or semicolon, which no address holds: write one address, e.g. ann@example.com or "Lee, Ann" <ann@example.com> (a name with a comma in quotes)`,
		);
	return new Invalid(
		field,
		`${label} "${text}" holds a list (a comma or semicolon): it takes one address per item; make one item per address (e.g. with n8n's Split Out node)`,
	);
}

/** An array, or JSON text of one, where one name or address is expected. */
function listRefused(
	list: readonly unknown[],
	fromText: boolean,
	field: string,
	kind: 'address' | 'name',
	label: string,
): Invalid {
	const one = kind === 'address' ? 'address' : 'name';
	return new Invalid(
		field,
		`${label} is ${describeList(list, fromText)}: it takes one ${one} per item; make one item per ${one} (e.g. with n8n's Split Out node)`,
	);
}

export function optionalObject(value: unknown, field: string): Checked<IDataObject | undefined> {
	if (value === undefined || value === null || value instanceof Invalid) return value ?? undefined;
	if (!isPlainObject(value))
		return new Invalid(field, `${field} must be an object (got ${describe(value)})`);
	return hasKeys(value) ? value : undefined;
}

/**
 * An optional object whose values are all text, numbers, booleans or null (no nesting), its keys
 * cleaned like every identifier (`requiredName`): `{" plan\u200b": "pro"}` goes as `{plan: "pro"}`.
 * One pass over the keys: a nested value is refused first; plainly clean keys are not cleaned.
 */
export function checkFlatObject(
	value: unknown,
	field = 'fields',
): Checked<IDataObject | undefined> {
	if (value === undefined || value === null || value instanceof Invalid) return value ?? undefined;
	if (!isPlainObject(value))
		return new Invalid(field, `${field} must be an object (got ${describe(value)})`);
	let empty = true;
	let clean = true;
	for (const key in value) {
		empty = false;
		const entry = value[key];
		if (entry !== null && typeof entry === 'object') {
			return new Invalid(
				`${field}.${key}`,
				`${field}.${key} is ${describe(entry)}; ${field === 'fields' ? 'profile fields' : 'values'} must be flat text, number or boolean values`,
			);
		}
		if (clean && !isPlainName(key)) clean = false;
	}
	if (empty) return undefined;
	return clean ? value : cleanKeys(value, field);
}

/**
 * The object with each key cleaned (`requiredName`); the object itself when no key changes.
 * Invalid when a key is blank, holds an invisible character, or becomes another key's name.
 */
export function cleanKeys(object: IDataObject, field: string): Checked<IDataObject> {
	// Nearly every object's keys are clean already, and so distinct: it goes as it is.
	for (const key in object) {
		const name = requiredName(key, field, `${field}: the key`);
		if (name instanceof Invalid) return name;
		if (name !== key) return renameKeys(object, field);
	}
	return object;
}

/** `cleanKeys` for an object some of whose keys change once cleaned. */
function renameKeys(object: IDataObject, field: string): Checked<IDataObject> {
	return rekeyed(
		object,
		(key) => requiredName(key, field, `${field}: the key`),
		(first, key, name) =>
			new Invalid(
				field,
				`${field}: the keys "${showUnseen(first)}" and "${showUnseen(key)}" are both "${name}" once spaces and invisible characters are removed at their ends`,
			),
	);
}

/**
 * The first key of an auto-mapped item outside `allowed`, so that nothing is silently dropped:
 * Invalid naming that key, with a message that says `what` may only hold `listed` (by default
 * the allowed keys joined by commas). The one unknown-key check every operation uses.
 */
export function checkKeys(
	json: IDataObject,
	allowed: ReadonlySet<string>,
	what: string,
	listed = [...allowed].join(', '),
): Invalid | undefined {
	for (const key in json) {
		if (!allowed.has(key)) {
			return new Invalid(key, `unknown key "${showUnseen(key)}": ${what} may only hold ${listed}`);
		}
	}
	return undefined;
}

/** Bento takes 1 to `max` records per batch request (the operation's own, e.g. MAX_EVENTS). */
export function checkBatchSize(size: unknown, max: number): Invalid | undefined {
	if (Number.isInteger(size) && (size as number) >= 1 && (size as number) <= max) return undefined;
	return new Invalid(
		'batchSize',
		`Batch Size must be a whole number from 1 to ${max} (got ${String(size)})`,
	);
}
