import type { IDataObject } from 'n8n-workflow';

import { type Checked, Invalid } from '../../helpers/invalid';
import { cleanEnds } from '../../helpers/identifiers';
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

/** Tag names as Bento takes them, joined by commas, from "a, b" or ["a", "b"]. */
export function tagList(value: unknown, field: string): Checked<string | undefined> {
	if (isEmpty(value)) return undefined;
	const fromText = typeof value === 'string';
	const names = fromText ? value.split(',') : value;
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
		if (!fromText && name.includes(',')) {
			return new Invalid(field, `${field}: the tag name "${name}" contains a comma`);
		}
		const checked = requiredName(name, field, `${field}: tag ${k + 1}`);
		if (checked instanceof Invalid) return checked;
		clean.push(checked);
	}
	return clean.length > 0 ? clean.join(',') : undefined;
}

function optionalName(value: unknown, field: string): Checked<string | undefined> {
	if (isEmpty(value)) return undefined;
	if (typeof value === 'string') return value.trim() || undefined;
	return new Invalid(field, `${field} must be text (got ${describe(value)})`);
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
