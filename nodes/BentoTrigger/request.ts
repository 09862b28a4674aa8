import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { type FieldType, type FieldTypes, isPlainObject } from './mapping';

// application/json with or without a charset (BENTO-WEBHOOKS.md), or a +json type.
const JSON_TYPE = /^application\/([\w.-]+\+)?json\s*(;|$)/i;
// Also read as JSON text: a proxy or a hand-made call may label JSON as plain text, or not at all.
const TEXT_TYPE = /^text\/plain\s*(;|$)/i;

/** The answer to every accepted call (a small JSON object, rather than n8n's default text). */
export const ACCEPTED_ANSWER = { received: true } as const;

/** How much of a JSON parser's message a refusal quotes (it may quote the body). */
export const PARSE_ERROR_QUOTE_LENGTH = 120;

/** A body that can start the workflow, or why not (for a 400 answer). */
export type ReadBody = { body: IDataObject } | { problem: string };

/**
 * The call's body as a JSON object. n8n (1.x and 2.x) parses only `application/json` itself, and
 * answers 422 before the node runs when that does not parse; a `text/plain` body arrives as text,
 * and a `+json` type or none as nothing, with the bytes kept in the request's `rawBody`: those
 * are parsed here, so a body that is not JSON gets a 400 naming the problem instead of being
 * lost. Other types (forms, XML) are refused: Bento sends JSON.
 */
export function readJsonBody(ctx: IWebhookFunctions): ReadBody {
	const contentType = String(ctx.getHeaderData()['content-type'] ?? '');
	const parsed = ctx.getBodyData() as unknown;
	if (contentType.trim() !== '' && !JSON_TYPE.test(contentType) && !TEXT_TYPE.test(contentType))
		return { problem: `the body was sent as ${contentType.split(';')[0].trim()}` };
	let value = parsed;
	const text = unparsedText(parsed, JSON_TYPE.test(contentType), ctx);
	if (text !== undefined) {
		const json = withoutBom(text);
		if (json.trim() === '') return { problem: 'the body is empty' };
		try {
			value = JSON.parse(json);
		} catch (error) {
			const reason = (error as Error).message.slice(0, PARSE_ERROR_QUOTE_LENGTH);
			return { problem: `the body is not valid JSON (${reason})` };
		}
	}
	if (Array.isArray(value)) return { problem: 'the body is a JSON list' };
	if (!isPlainObject(value))
		return { problem: `the body is a JSON ${value === null ? 'null' : typeof value}` };
	if (!hasContent(value)) return { problem: 'the body is an empty object' };
	return { body: value };
}

/**
 * The JSON text still to be read, or undefined when n8n has parsed the body: n8n parses
 * application/json (a string there is a JSON string), gives text/plain as text, and leaves
 * other types unparsed (nothing, or {}) with the bytes in `rawBody`.
 */
function unparsedText(parsed: unknown, isJsonType: boolean, ctx: IWebhookFunctions) {
	if (typeof parsed === 'string') return isJsonType ? undefined : parsed;
	return hasContent(parsed) ? undefined : rawText(ctx);
}

function hasContent(value: unknown): boolean {
	return Array.isArray(value) || (isPlainObject(value) && Object.keys(value).length > 0);
}

/** The request's unparsed bytes as UTF-8 text; '' when n8n kept none. */
function rawText(ctx: IWebhookFunctions): string {
	const raw = (ctx.getRequestObject() as { rawBody?: unknown }).rawBody;
	return Buffer.isBuffer(raw) ? raw.toString('utf8') : typeof raw === 'string' ? raw : '';
}

function withoutBom(text: string): string {
	return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Answers the call itself (status and a JSON object); n8n then sends nothing more. */
export function answer(
	ctx: IWebhookFunctions,
	status: number,
	body: IDataObject,
): IWebhookResponseData {
	ctx.getResponseObject().status(status).json(body);
	return { noWebhookResponse: true };
}

/** Splits a comma-separated filter list; empty means "no filter". */
export function listOf(value: unknown): string[] {
	return String(value ?? '')
		.split(',')
		.map((entry) => entry.trim())
		.filter((entry) => entry !== '');
}

/** The Field Types parameter as key → type (rows without a key left out). */
export function fieldTypesOf(parameter: unknown): FieldTypes {
	const rows = ((parameter as IDataObject)?.field ?? []) as Array<{
		key?: string;
		type?: FieldType;
	}>;
	return Object.fromEntries(
		rows
			.filter((row) => row.key?.trim())
			.map((row) => [String(row.key).trim(), row.type ?? 'text']),
	);
}
