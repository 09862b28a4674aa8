import { type IDataObject, type INode, type JsonObject, NodeApiError } from 'n8n-workflow';

import { httpFailureText } from './errorMessages';
import type { RecordedOutcome } from './rerunRecord';
import {
	isRetryableNetworkCode,
	isRetryableStatus,
	parseRetryAfter,
	type SentState,
	sentStateOfNetworkCode,
	sentStateOfStatus,
} from './retryPolicy';
import type { BentoResponse } from './types';

/** One try of a request, as the transport's retry loop sees it. */
export type Attempt =
	| { ok: true; status: number; body: IDataObject; serverDateMs?: number }
	| {
			ok: false;
			retryable: boolean;
			sent: SentState;
			/** Retry-After, on any answer (a 503 may carry one too). */
			retryAfterMs?: number;
			/** Set on a 429 only: what Bento said about when to come back. */
			refusal?: { retryAfterMs?: number; serverDateMs?: number };
			/** Bento's `Date` header (ms), on any answer: the gate reads its clock from it. */
			serverDateMs?: number;
			httpCode: string;
			message: string;
			description: string;
	  };

/** What turns an answer or a thrown error into an Attempt, fixed for one execution. */
export interface AttemptContext {
	acceptStatuses?: number[];
	/** Added to a 429's description, e.g. the /stats limit. */
	rateLimitNote?: string;
	baseUrl: string;
	timeoutMs: number;
	now: number;
	redact(text: string): string;
}

/** An error as n8n's HTTP helper throws it (network failures; statuses in some versions). */
export interface ThrownHttpError {
	name?: string;
	message?: string;
	/** NodeApiError's: the messages of the errors it wraps. */
	messages?: string[];
	httpCode?: string | null;
	code?: string;
	cause?: ThrownHttpError & {
		response?: { status?: number; data?: unknown; headers?: IDataObject };
	};
}

const TIMEOUT_CODES = new Set(['ECONNABORTED', 'ETIMEDOUT', 'ESOCKETTIMEDOUT']);

// n8n's SSRF protection (N8N_SSRF_PROTECTION_ENABLED, n8n 2.12 and later) refuses a destination
// before connecting with one of these errors (n8n tells them by name too). When n8n's
// NodeApiError wraps it, the name can be lost with the cause; its message stays.
const SSRF_REFUSALS = new Set(['SsrfBlockedIpError', 'SsrfBlockedHostnameError']);
const SSRF_MESSAGE =
	/^The request was blocked because (it resolves to a restricted IP address|the destination hostname is restricted)/;

function refusedBySsrfProtection(error: ThrownHttpError): boolean {
	let current: ThrownHttpError | undefined = error;
	for (let depth = 0; current && depth < 5; depth++, current = current.cause) {
		if (current.name && SSRF_REFUSALS.has(current.name)) return true;
		const messages = [current.message ?? '', ...(current.messages ?? [])];
		if (messages.some((message) => SSRF_MESSAGE.test(message))) return true;
	}
	return false;
}

function header(headers: IDataObject | undefined, name: string): unknown {
	if (!headers) return undefined;
	const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
	return key === undefined ? undefined : headers[key];
}

function asObject(body: unknown): IDataObject {
	if (typeof body === 'string') {
		try {
			return JSON.parse(body) as IDataObject;
		} catch {
			return {};
		}
	}
	return (body ?? {}) as IDataObject;
}

function dateHeader(headers: IDataObject | undefined): number | undefined {
	const value = header(headers, 'date');
	if (typeof value !== 'string') return undefined;
	const at = Date.parse(value);
	return Number.isNaN(at) ? undefined : at;
}

/** An HTTP answer: success (2xx or an accepted status), or a failure with what it means. */
export function attemptOfResponse(
	ctx: AttemptContext,
	status: number,
	body: unknown,
	headers?: IDataObject,
): Attempt {
	if ((status >= 200 && status < 300) || ctx.acceptStatuses?.includes(status))
		return { ok: true, status, body: asObject(body), serverDateMs: dateHeader(headers) };
	const text = httpFailureText(status, body, ctx.redact);
	const refused = status === 429;
	const retryAfterMs = parseRetryAfter(header(headers, 'retry-after'), ctx.now);
	const description =
		refused && ctx.rateLimitNote ? `${text.description} ${ctx.rateLimitNote}` : text.description;
	return {
		ok: false,
		retryable: isRetryableStatus(status),
		sent: sentStateOfStatus(status),
		retryAfterMs,
		refusal: refused ? { retryAfterMs, serverDateMs: dateHeader(headers) } : undefined,
		serverDateMs: dateHeader(headers),
		httpCode: String(status),
		message: ctx.redact(text.message),
		description: ctx.redact(description),
	};
}

/** A thrown error: a network failure, or an HTTP status should an n8n version throw one. */
export function attemptOfThrown(ctx: AttemptContext, error: ThrownHttpError): Attempt {
	const response = error.cause?.response;
	if (response?.status)
		return attemptOfResponse(ctx, response.status, response.data, response.headers);
	if (refusedBySsrfProtection(error))
		return {
			ok: false,
			retryable: false,
			sent: 'no',
			httpCode: 'SSRF_BLOCKED',
			message: ctx.redact(`n8n's SSRF protection refused the request to ${ctx.baseUrl}`),
			description: ctx.redact(
				'This n8n runs with N8N_SSRF_PROTECTION_ENABLED=true, and the Base URL leads to an address it blocks (localhost and private networks by default, as for the local sandbox). Nothing was sent. An n8n administrator can allow the host with N8N_SSRF_ALLOWED_HOSTNAMES or N8N_SSRF_ALLOWED_IP_RANGES.',
			),
		};
	const httpCode = error.httpCode ?? error.cause?.code ?? error.code;
	if (httpCode && /^\d{3}$/.test(httpCode))
		return attemptOfResponse(ctx, Number(httpCode), undefined);
	const code = httpCode ?? 'UNKNOWN';
	const cause = TIMEOUT_CODES.has(code)
		? `no answer within the ${ctx.timeoutMs} ms timeout`
		: (error.cause?.message ?? error.message ?? 'unknown error');
	const sent = sentStateOfNetworkCode(code);
	return {
		ok: false,
		retryable: isRetryableNetworkCode(code),
		sent,
		httpCode: code,
		message: ctx.redact(`Could not reach Bento (${code}): ${cause}`),
		description: ctx.redact(
			sent === 'no'
				? `The request to ${ctx.baseUrl} failed before a connection was made; nothing reached Bento.`
				: `The request to ${ctx.baseUrl} failed before Bento answered. A timeout or dropped connection may still have delivered it.`,
		),
	};
}

/**
 * The NodeApiError for a request the transport gave up on (texts already redacted);
 * `context.maybeSent` tells whether Bento may have acted on it.
 */
export function apiFailure(
	node: INode,
	failure: { message: string; description: string; httpCode: string; maybeSent: boolean },
): NodeApiError {
	const { message, description, httpCode } = failure;
	const error = new NodeApiError(node, { message, httpCode } as JsonObject, {
		message,
		description,
		httpCode,
	});
	// n8n swaps in a generic text for network codes (ECONNREFUSED...); keep ours, which says more.
	error.message = message;
	error.context.maybeSent = failure.maybeSent;
	return error;
}

/** The error for a request given up on after `attempt` tries, redacted; `why`: why not again. */
export function givenUp(
	node: INode,
	result: Extract<Attempt, { ok: false }>,
	attempt: number,
	why: string,
	maybeSent: boolean,
): NodeApiError {
	const tries = attempt > 1 ? `after ${attempt} attempts` : '';
	const note = [tries, why].filter(Boolean).join('; ');
	const message = note ? `${result.message} (${note})` : result.message;
	const { httpCode, description } = result;
	return apiFailure(node, { message, description, httpCode, maybeSent });
}

/** An earlier run's outcome for the same write, given again (returned or thrown) unsent. */
export function givenAgain(node: INode, outcome: RecordedOutcome): BentoResponse {
	if (outcome.kind === 'answered') {
		const { status, body, attempts, maybeSentBefore } = outcome;
		return { status, body: structuredClone(body), attempts, maybeSentBefore };
	}
	const { message, description, httpCode } = outcome;
	throw apiFailure(node, {
		message,
		description: `${description} It was not sent again when n8n ran this node again (Retry On Fail).`,
		httpCode,
		maybeSent: true,
	});
}
