import type { IDataObject } from 'n8n-workflow';

import { toEventDate } from './date';
import type { BentoEvent, EventInput } from './interfaces';
import { type Checked, Invalid } from './invalid';

// Deliberately loose: one @, no spaces, a dot in the domain. Bento has the final word.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const EVENT_KEYS = new Set(['type', 'email', 'fields', 'details', 'date']);

export function isPlainObject(value: unknown): value is IDataObject {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
	const proto = Object.getPrototypeOf(value);
	return proto === Object.prototype || proto === null;
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

export function checkEmail(value: unknown, field = 'email'): Checked<string> {
	const email = requiredText(value, field);
	if (email instanceof Invalid || EMAIL.test(email)) return email;
	return new Invalid(field, `${field} "${email}" is not a valid address`);
}

export function optionalObject(value: unknown, field: string): Checked<IDataObject | undefined> {
	if (value === undefined || value === null || value instanceof Invalid) return value ?? undefined;
	if (!isPlainObject(value))
		return new Invalid(field, `${field} must be an object (got ${describe(value)})`);
	return hasKeys(value) ? value : undefined;
}

/** An optional object whose values are all text, numbers, booleans or null (no nesting). */
export function checkFlatObject(
	value: unknown,
	field = 'fields',
): Checked<IDataObject | undefined> {
	const fields = optionalObject(value, field);
	if (!fields || fields instanceof Invalid) return fields;
	for (const key in fields) {
		const entry = fields[key];
		if (entry !== null && typeof entry === 'object') {
			return new Invalid(
				`${field}.${key}`,
				`${field}.${key} is ${describe(entry)}; ${field === 'fields' ? 'profile fields' : 'values'} must be flat text, number or boolean values`,
			);
		}
	}
	return fields;
}

/** The first key of an auto-mapped item outside `allowed`, so that nothing is silently dropped. */
export function checkKeys(
	json: IDataObject,
	allowed: Set<string>,
	what: string,
): Invalid | undefined {
	for (const key in json) {
		if (!allowed.has(key)) {
			return new Invalid(
				key,
				`unknown key "${key}": ${what} may only hold ${[...allowed].join(', ')}`,
			);
		}
	}
	return undefined;
}

/** The first key an auto-mapped item must not carry, so that nothing is silently dropped. */
export function checkEventKeys(json: IDataObject): Invalid | undefined {
	for (const key in json) {
		if (!EVENT_KEYS.has(key)) {
			return new Invalid(
				key,
				`unknown key "${key}": an event item may only hold type, email, fields, details and date`,
			);
		}
	}
	return undefined;
}

/** Validates one event and returns it as Bento takes it: only the keys that have a value. */
export function toBentoEvent(input: EventInput): Checked<BentoEvent> {
	const type = requiredText(input.type, 'type');
	if (type instanceof Invalid) return type;
	const email = checkEmail(input.email);
	if (email instanceof Invalid) return email;
	const fields = checkFlatObject(input.fields);
	if (fields instanceof Invalid) return fields;
	const details = optionalObject(input.details, 'details');
	if (details instanceof Invalid) return details;
	const date = toEventDate(input.date);
	if (date instanceof Invalid) return date;

	const event: BentoEvent = { type, email };
	if (fields) event.fields = fields;
	if (details) event.details = details;
	if (date) event.date = date;
	return event;
}

/** Sets `details.unique.key`, Bento's de-duplication key, without touching the caller's objects. */
export function withUniqueKey(event: BentoEvent, key: unknown): Checked<BentoEvent> {
	if (key === undefined || key === null || key === '') return event;
	if (typeof key !== 'string' && typeof key !== 'number') {
		return new Invalid('uniqueKey', `Unique Key must be text or a number (got ${describe(key)})`);
	}
	const details = event.details ?? {};
	const unique = isPlainObject(details.unique) ? details.unique : {};
	return { ...event, details: { ...details, unique: { ...unique, key: String(key) } } };
}

/** Bento takes 1 to `max` records per batch request (1000 for events). */
export function checkBatchSize(size: unknown, max = 1000): Invalid | undefined {
	if (Number.isInteger(size) && (size as number) >= 1 && (size as number) <= max) return undefined;
	return new Invalid(
		'batchSize',
		`Batch Size must be a whole number from 1 to ${max} (got ${String(size)})`,
	);
}
