import type { IDataObject } from 'n8n-workflow';

import { type Checked, Invalid } from '../../helpers/invalid';
import { cleanEnds } from '../../helpers/identifiers';
import { otherCase, readItemKeys } from '../../helpers/itemKeys';
import { bracketedList } from '../../helpers/jsonList';
import { checkEmail, cleanKeys, describe, requiredName } from '../../helpers/validation';

/** One subscriber as Bento's `POST /batch/subscribers` takes it; any other key is a custom field. */
export interface ImportRecord extends IDataObject {
	email: string;
	first_name?: string;
	last_name?: string;
	/** Tag names joined by commas. */
	tags?: string;
	remove_tags?: string;
}

/** The keys Bento reads itself; every other key of a record is a custom field. */
export const RECORD_KEYS = new Set(['email', 'first_name', 'last_name', 'tags', 'remove_tags']);

const isEmpty = (value: unknown) => value === undefined || value === null || value === '';

/**
 * Tag names as Bento takes them, joined by commas, from "a, b", ["a", "b"], or the JSON text of
 * an array ('["a","b"]': an AI agent's argument, a JSON column), which is read as that array.
 */
export function tagList(value: unknown, field: string): Checked<string | undefined> {
	if (isEmpty(value)) return undefined;
	const fromText = typeof value === 'string';
	const json = fromText ? bracketedList(cleanEnds(value)) : undefined;
	if (json !== undefined && !Array.isArray(json))
		return new Invalid(field, `${field} "${cleanEnds(value as string)}" ${json.notJson}`);
	const names = json ?? (fromText ? value.split(',') : withRowLists(value));
	if (!Array.isArray(names)) {
		return new Invalid(
			field,
			`${field} must be tag names separated by commas, or a list of names (got ${describe(value)})`,
		);
	}
	const clean: string[] = [];
	for (let k = 0; k < names.length; k++) {
		const name: unknown = names[k];
		if (typeof name !== 'string' || cleanEnds(name) === '') {
			const got = isEmpty(name) || typeof name === 'string' ? 'an empty name' : describe(name);
			return new Invalid(field, `${field} has ${got} at position ${k + 1}; tag names must be text`);
		}
		if ((json || !fromText) && name.includes(',')) {
			return new Invalid(field, `${field}: the tag name "${name}" contains a comma`);
		}
		const checked = requiredName(name, field, `${field}: tag ${k + 1}`);
		if (checked instanceof Invalid) return checked;
		clean.push(checked);
	}
	return clean.length > 0 ? clean.join(',') : undefined;
}

/** Define Below's tag rows, a row holding a JSON array's text (`{{ $json.tags }}`) read as its names. */
function withRowLists(value: unknown): unknown {
	if (!Array.isArray(value) || !value.some((row) => typeof row === 'string' && row.includes('[')))
		return value;
	return value.flatMap((row: unknown) => {
		const json = typeof row === 'string' ? bracketedList(cleanEnds(row)) : undefined;
		return Array.isArray(json) ? json : [row];
	});
}

function optionalName(value: unknown, field: string): Checked<string | undefined> {
	if (isEmpty(value)) return undefined;
	if (typeof value === 'string') return value.trim() || undefined;
	return new Invalid(field, `${field} must be text (got ${describe(value)})`);
}

const SUBSCRIBER_ITEM = { what: 'a subscriber item' };

/**
 * An auto-mapped item as a record: its keys cleaned first (`readItemKeys`: Excel's `\ufeffemail`
 * is `email`), a missing email naming a key that is `email` in another case.
 */
export function importItem(json: IDataObject): Checked<ImportRecord> {
	const keyed = readItemKeys(json, SUBSCRIBER_ITEM);
	if (keyed instanceof Invalid) return keyed;
	const record = toImportRecord(keyed);
	if (!(record instanceof Invalid) || keyed.email !== undefined || record.field !== 'email')
		return record;
	return new Invalid('email', record.message + otherCase(json, 'email'));
}

/**
 * Validates one subscriber record and returns it as Bento takes it: empty values left out, tags
 * joined by commas, custom fields flat.
 */
export function toImportRecord(json: IDataObject): Checked<ImportRecord> {
	const email = checkEmail(json.email);
	if (email instanceof Invalid) return email;
	const record: ImportRecord = { email };
	const custom: IDataObject = {};
	for (const key in json) {
		const value = json[key];
		// Empty values are left out: an import never blanks what Bento has (remove_field does).
		if (key === 'email' || isEmpty(value)) continue;
		if (key === 'tags' || key === 'remove_tags') {
			const list = tagList(value, key);
			if (list instanceof Invalid) return list;
			if (list !== undefined) record[key] = list;
		} else if (key === 'first_name' || key === 'last_name') {
			const name = optionalName(value, key);
			if (name instanceof Invalid) return name;
			if (name !== undefined) record[key] = name;
		} else if (value !== null && typeof value === 'object') {
			return new Invalid(
				key,
				`${key} is ${describe(value)}; custom fields must be flat text, number or boolean values, each at the top level of the item`,
			);
		} else {
			custom[key] = value;
		}
	}
	// Custom field keys are identifiers: cleaned at the ends, and must not become one of Bento's.
	const fields = cleanKeys(custom, 'custom fields');
	if (fields instanceof Invalid) return fields;
	for (const key in fields) {
		if (RECORD_KEYS.has(key))
			return new Invalid(
				'custom fields',
				`custom fields: a key is "${key}" once spaces and invisible characters are removed at its ends; use the ${key} key itself`,
			);
	}
	return Object.assign(record, fields);
}
