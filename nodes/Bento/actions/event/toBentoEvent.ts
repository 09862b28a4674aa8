import type { IDataObject } from 'n8n-workflow';

import { toEventDate, VERSION_1_ZONE } from '../../helpers/date';
import { type Checked, Invalid } from '../../helpers/invalid';
import { readItemKeys } from '../../helpers/itemKeys';
import {
	checkEmail,
	checkFlatObject,
	describe,
	isPlainObject,
	optionalObject,
	requiredName,
} from '../../helpers/validation';

/** One event as Bento's `POST /batch/events` takes it. */
export interface BentoEvent extends IDataObject {
	type: string;
	email: string;
	fields?: IDataObject;
	details?: IDataObject;
	date?: string;
}

/** An event before validation: whatever the user's item or parameters held. */
export interface EventInput {
	type?: unknown;
	email?: unknown;
	fields?: unknown;
	details?: unknown;
	date?: unknown;
}

/** The keys an auto-mapped item may hold: the event as Bento takes it. */
export const EVENT_KEYS = new Set(['type', 'email', 'fields', 'details', 'date']);

const EVENT_ITEM = {
	allowed: EVENT_KEYS,
	what: 'an event item',
	listed: 'type, email, fields, details and date',
};

/**
 * An auto-mapped item's keys read as field keys are (`readItemKeys`: `\ufeffemail` is `email`);
 * Invalid naming the first key it must not carry, so that nothing is silently dropped.
 */
export function checkEventKeys(json: IDataObject): Checked<IDataObject> {
	return readItemKeys(json, EVENT_ITEM);
}

/**
 * Validates one event and returns it as Bento takes it: only the keys that have a value. A date
 * without an offset is read in `zone` (see toEventDate).
 */
export function toBentoEvent(input: EventInput, zone = VERSION_1_ZONE): Checked<BentoEvent> {
	const type = requiredName(input.type, 'type');
	if (type instanceof Invalid) return type;
	const email = checkEmail(input.email);
	if (email instanceof Invalid) return email;
	const fields = checkFlatObject(input.fields);
	if (fields instanceof Invalid) return fields;
	const details = optionalObject(input.details, 'details');
	if (details instanceof Invalid) return details;
	const date = toEventDate(input.date, zone);
	if (date instanceof Invalid) return date;

	if (holdsExactly(input, type, email, fields, details, date)) return input as BentoEvent;
	const event: BentoEvent = { type, email };
	if (fields) event.fields = fields;
	if (details) event.details = details;
	if (date) event.date = date;
	return event;
}

/**
 * Whether `input` (an auto-mapped item's JSON) already is the event: these values under these
 * keys, and no other key. It then goes as it is, and 100,000 items make no second copy of their
 * events. Counting the keys is enough: each value that is set is found under its own key.
 */
function holdsExactly(
	input: EventInput,
	type: string,
	email: string,
	fields: IDataObject | undefined,
	details: IDataObject | undefined,
	date: string | undefined,
): boolean {
	let keys = 0;
	for (const key in input) {
		if (!EVENT_KEYS.has(key)) return false;
		keys++;
	}
	return (
		keys === 2 + (fields ? 1 : 0) + (details ? 1 : 0) + (date ? 1 : 0) &&
		input.type === type &&
		input.email === email &&
		input.fields === fields &&
		input.details === details &&
		input.date === date
	);
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
