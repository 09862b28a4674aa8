import type { IDataObject } from 'n8n-workflow';

import { cleanEnds } from '../Bento/helpers/identifiers';

// Turns the body Bento renders from BODY_TEMPLATE (template.ts) into one clean item. Liquid's
// `json` filter renders a missing variable as null; bodies pasted from older versions of the
// template (quoted variables) have text, "" when missing: see BENTO-WEBHOOKS.md.

export type FieldType = 'text' | 'number' | 'boolean';

/** Custom field key → the type its Liquid text stands for (fields not listed stay text). */
export type FieldTypes = Record<string, FieldType>;

const PERSON_KEYS = ['email', 'uuid', 'first_name', 'last_name'] as const;
const TEMPLATE_KEYS = new Set<string>([...PERSON_KEYS, 'tags', 'fields', 'event', 'workflow']);

function isPlainObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An empty Liquid value ("" or only spaces, or null) means "Bento had nothing here". */
function isEmpty(value: unknown): boolean {
	return (
		value === null || value === undefined || (typeof value === 'string' && value.trim() === '')
	);
}

/**
 * Bento's tag list as an array of names. Liquid renders `visitor.tags` as text, comma-separated
 * (inferred); an array (a user's `| json`) is taken as it is. Blank names are dropped.
 */
export function parseTags(value: unknown): string[] {
	const list = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [];
	return list.map((tag) => cleanEnds(String(tag))).filter((tag) => tag !== '');
}

/** Whether `tags` is in a shape `parseTags` reads (text, a list, or nothing). */
function isTagList(value: unknown): boolean {
	return isEmpty(value) || typeof value === 'string' || Array.isArray(value);
}

/**
 * The email address and uuid cleaned as the Bento node cleans identifiers (`cleanEnds`: white
 * space and invisible characters such as a trailing U+200B removed from both ends); other values
 * and names are kept as sent.
 */
function personValue(key: (typeof PERSON_KEYS)[number], value: unknown): unknown {
	return typeof value === 'string' && (key === 'email' || key === 'uuid')
		? cleanEnds(value)
		: value;
}

/**
 * One field's value by its declared type: "42" → 42, "true"/"false" (any case) → booleans. Text
 * that does not read as the declared type is kept as text rather than lost.
 */
export function convertField(value: unknown, type: FieldType | undefined): unknown {
	if (typeof value !== 'string') return value;
	const text = value.trim();
	if (type === 'number') {
		const number = Number(text);
		return text !== '' && Number.isFinite(number) ? number : value;
	}
	if (type === 'boolean') {
		const lower = text.toLowerCase();
		if (lower === 'true') return true;
		if (lower === 'false') return false;
	}
	return value;
}

function mapFields(value: unknown, types: FieldTypes): IDataObject | undefined {
	if (!isPlainObject(value)) return undefined;
	const fields: IDataObject = {};
	for (const [key, raw] of Object.entries(value)) {
		// A field named __proto__ (JSON.parse makes it an own key) would set the object's prototype.
		if (key === '__proto__') continue;
		if (!isEmpty(raw)) fields[key] = convertField(raw, types[key]) as IDataObject[string];
	}
	return Object.keys(fields).length > 0 ? fields : undefined;
}

/** Details rendered with `| json` are an object; quoted by mistake they arrive as JSON text. */
function parseDetails(value: unknown): unknown {
	if (typeof value !== 'string') return value;
	const text = value.trim();
	if (!/^[[{]/.test(text)) return value;
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return value;
	}
}

function mapEvent(value: unknown): IDataObject | undefined {
	if (!isPlainObject(value)) return undefined;
	const event: IDataObject = {};
	for (const [key, raw] of Object.entries(value)) {
		const parsed = key === 'details' ? parseDetails(raw) : raw;
		if (!isEmpty(parsed)) event[key] = parsed as IDataObject[string];
	}
	return Object.keys(event).length > 0 ? event : undefined;
}

/**
 * The clean item for one Send webhook call: `{ email, uuid, first_name, last_name, tags: [...],
 * fields: {...}, event: { type, details }, workflow, received_at, ...extra keys }`. Empty Liquid
 * values are left out; `tags` is a list whenever the body had the key (empty list when the person
 * has none); `received_at` is an ISO 8601 time. Every other key the sender sent is kept as sent
 * (empty text left out), and so is a template key whose value is not the template's shape (e.g.
 * `"event": "bento.workflow.step_reached"`, a string, as in Bento's own example body).
 */
export function toTriggerItem(body: IDataObject, types: FieldTypes, receivedAt: Date): IDataObject {
	const item: IDataObject = {};
	for (const key of PERSON_KEYS) {
		const value = personValue(key, body[key]);
		if (!isEmpty(value)) item[key] = value as IDataObject[string];
	}
	if ('tags' in body && isTagList(body.tags)) item.tags = parseTags(body.tags);
	const fields = mapFields(body.fields, types);
	if (fields) item.fields = fields;
	const event = mapEvent(body.event);
	if (event) item.event = event;
	if (!isEmpty(body.workflow)) item.workflow = body.workflow;
	item.received_at = receivedAt.toISOString();
	for (const [key, value] of Object.entries(body)) {
		if (!readAsTemplate(key, value) && !(key in item) && key !== '__proto__' && !isEmpty(value))
			item[key] = value;
	}
	return item;
}

/** Whether `toTriggerItem` read this key's value as the template's (so it is not copied as sent). */
function readAsTemplate(key: string, value: unknown): boolean {
	if (key === 'fields' || key === 'event') return isPlainObject(value);
	if (key === 'tags') return isTagList(value);
	return TEMPLATE_KEYS.has(key);
}

/** The event type and workflow name of a call, raw or clean, for the trigger's filters. */
export function describeCall(body: IDataObject): { eventType?: string; workflow?: string } {
	const event = isPlainObject(body.event) ? body.event : {};
	const text = (value: unknown) =>
		typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
	return { eventType: text(event.type), workflow: text(body.workflow) };
}

export { isPlainObject };
