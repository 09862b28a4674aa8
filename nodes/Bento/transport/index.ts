import {
	type ICredentialsDecrypted,
	type IDataObject,
	type IExecuteFunctions,
	type IHttpRequestMethods,
	type ILoadOptionsFunctions,
	type IN8nHttpFullResponse,
	type IPollFunctions,
	type JsonObject,
	NodeApiError,
	NodeOperationError,
} from 'n8n-workflow';

import { systemClock } from './clock';
import { httpFailureText } from './errorMessages';
import { Pacer } from './pacer';
import { createRedactor } from './redact';
import {
	backoffDelay,
	RETRY_CAPS,
	isRetryableNetworkCode,
	isRetryableStatus,
	parseRetryAfter,
	type RetryPolicy,
	type SentState,
	sentStateOfNetworkCode,
	sentStateOfStatus,
} from './retryPolicy';
import { USER_AGENT } from './userAgent';

const TIMEOUT_CODES = new Set(['ECONNABORTED', 'ETIMEDOUT', 'ESOCKETTIMEDOUT']);

export const DEFAULT_BASE_URL = 'https://app.bentonow.com/api/v1';

export interface DeliveryOptions {
	maxRetries: number;
	initialDelayMs: number;
	timeoutMs: number;
	/** 0 means no pacing. */
	requestsPerMinute: number;
}

export interface BentoRequest {
	method: IHttpRequestMethods;
	/** Path below the base URL, e.g. `/fetch/tags`. */
	endpoint: string;
	qs?: IDataObject;
	/** An object, or JSON already encoded (a batch serialized while the one before was in flight). */
	body?: IDataObject | Buffer;
	/**
	 * `always` (default): retry every transient failure. `ifNotSent`: retry only failures where
	 * Bento certainly did not act (a 429, a refused connection); a failure that may have been
	 * delivered is reported, never resent (emails must not go out twice).
	 */
	resend?: 'always' | 'ifNotSent';
	/** Statuses that are an answer, not a failure (e.g. 404 for "no such subscriber"). */
	acceptStatuses?: number[];
	/** Said with a 429, e.g. Bento's tighter limit for /stats. */
	rateLimitNote?: string;
	/**
	 * `backoff` (default): a 429 is retried like a 5xx. `retryAfterOnly`: only when Bento says
	 * when (Retry-After); for hourly limits, where backing off for seconds only burns requests.
	 */
	rateLimitRetry?: 'backoff' | 'retryAfterOnly';
}

export interface BentoResponse {
	status: number;
	body: IDataObject;
	attempts: number;
}

type Attempt =
	| { ok: true; status: number; body: IDataObject }
	| {
			ok: false;
			retryable: boolean;
			sent: SentState;
			retryAfterMs?: number;
			httpCode: string;
			message: string;
			description: string;
	  };

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

interface ThrownHttpError {
	message?: string;
	httpCode?: string | null;
	code?: string;
	cause?: ThrownHttpError & {
		response?: { status?: number; data?: unknown; headers?: IDataObject };
	};
}

/**
 * The API root from a credential's Base URL. Another package's `bentoApi` class (the official
 * node's) has no Base URL field, and older ones saved the bare host: both mean Bento's API.
 */
export function apiBaseUrl(saved: unknown): string {
	const text = typeof saved === 'string' && saved.trim() !== '' ? saved.trim() : DEFAULT_BASE_URL;
	const url = text.replace(/\/+$/, '');
	return /^https?:\/\/[^/]+$/i.test(url) ? `${url}/api/v1` : url;
}

/** Whether a request that failed may have been delivered (set by the transport on its errors). */
export function mayHaveBeenSent(error: unknown): boolean {
	return (error as { context?: IDataObject })?.context?.maybeSent === true;
}

// IPollFunctions: the Bento Form Response Trigger polls through this same door.
type Context = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions;

/**
 * The one door to Bento's API. Built once per execution: it holds the pacing and the
 * redaction of this execution's credential, and keeps nothing afterwards.
 */
export class BentoTransport {
	private constructor(
		private readonly ctx: Context,
		private readonly baseUrl: string,
		private readonly siteUuid: string,
		/** Masks this execution's secrets in a text the node is about to emit. */
		readonly redact: (text: string) => string,
		private readonly options: DeliveryOptions,
		private readonly policy: RetryPolicy,
		private readonly pacer: Pacer,
		/**
		 * The credential as read once for this execution, handed to n8n with every request: without
		 * it n8n loads and decrypts the credential again per request (a database read each time).
		 */
		private readonly credential: ICredentialsDecrypted,
	) {}

	private readonly clock = systemClock;

	static async forExecution(ctx: Context, options: DeliveryOptions): Promise<BentoTransport> {
		const credentials = await ctx.getCredentials('bentoApi');
		const secrets = [credentials.publishableKey, credentials.secretKey, credentials.siteUuid];
		// Another package's `bentoApi` class (the official node's) has no Base URL field.
		const baseUrl = apiBaseUrl(credentials.baseUrl);
		const policy = {
			...RETRY_CAPS,
			maxRetries: options.maxRetries,
			initialDelayMs: options.initialDelayMs,
		};
		const redact = createRedactor(secrets as Array<string | undefined>);
		const saved = ctx.getNode().credentials?.bentoApi;
		return new BentoTransport(
			ctx,
			baseUrl,
			String(credentials.siteUuid ?? ''),
			redact,
			options,
			policy,
			new Pacer(options.requestsPerMinute, systemClock),
			{ id: saved?.id ?? '', name: saved?.name ?? '', type: 'bentoApi', data: credentials },
		);
	}

	/** POSTs `body` to a batch endpoint; see `request`. */
	async post(
		endpoint: string,
		body: IDataObject | Buffer,
		resend: BentoRequest['resend'] = 'always',
	): Promise<BentoResponse> {
		return await this.request({ method: 'POST', endpoint, body, resend });
	}

	/**
	 * Sends one request, retrying transient failures. Throws a NodeApiError, redacted, when it
	 * gives up (its `context.maybeSent` tells whether Bento may have acted on it), and a
	 * NodeOperationError when the execution is cancelled.
	 */
	async request(request: BentoRequest): Promise<BentoResponse> {
		const signal = this.signal();
		let waitedMs = 0;
		for (let attempt = 1; ; attempt++) {
			await this.pacer.beforeRequest(signal);
			this.stopIfCancelled(signal);
			const result = await this.send(request, signal);
			if (result.ok) return { status: result.status, body: result.body, attempts: attempt };

			const retry = attempt - 1;
			const giveUp = (why = '') => {
				const tries = attempt > 1 ? `after ${attempt} attempts` : '';
				const note = [tries, why].filter(Boolean).join('; ');
				const message = note ? `${result.message} (${note})` : result.message;
				const { httpCode, description } = result;
				const error = new NodeApiError(this.ctx.getNode(), { message, httpCode } as JsonObject, {
					message,
					description,
					httpCode,
				});
				// n8n swaps in a generic text for network codes (ECONNREFUSED...); keep ours, which says more.
				error.message = message;
				error.context.maybeSent = result.sent === 'maybe';
				return error;
			};
			if (!result.retryable || retry >= this.policy.maxRetries) throw giveUp();
			const onlyAfter = request.rateLimitRetry === 'retryAfterOnly' && result.httpCode === '429';
			if (onlyAfter && result.retryAfterMs === undefined)
				throw giveUp('not retried: Bento gave no Retry-After');
			if (request.resend === 'ifNotSent' && result.sent === 'maybe')
				throw giveUp('not retried: it may have been delivered');
			const delay = result.retryAfterMs ?? backoffDelay(retry, this.policy, this.clock.random);
			if (waitedMs + delay > this.policy.maxTotalWaitMs) throw giveUp('retry wait limit reached');
			waitedMs += delay;
			await this.clock.wait(delay, signal);
		}
	}

	private signal(): AbortSignal | undefined {
		const ctx = this.ctx as Partial<IExecuteFunctions>;
		return ctx.getExecutionCancelSignal?.();
	}

	private stopIfCancelled(signal?: AbortSignal): void {
		if (signal?.aborted)
			throw new NodeOperationError(this.ctx.getNode(), 'The execution was cancelled');
	}

	private async send(request: BentoRequest, signal?: AbortSignal): Promise<Attempt> {
		const headers: IDataObject = { 'User-Agent': USER_AGENT };
		if (request.body) headers['Content-Type'] = 'application/json';
		try {
			const response = (await this.ctx.helpers.httpRequestWithAuthentication.call(
				this.ctx,
				'bentoApi',
				{
					method: request.method,
					url: `${this.baseUrl}${request.endpoint}`,
					// site_uuid goes on every request whichever `bentoApi` class n8n loaded: the official
					// package's adds only Basic auth. Ours adds the same key, so it is sent once.
					qs: { ...request.qs, site_uuid: this.siteUuid },
					body: request.body,
					json: true,
					timeout: this.options.timeoutMs,
					headers,
					returnFullResponse: true,
					ignoreHttpStatusErrors: true,
				},
				{ credentialsDecrypted: this.credential },
			)) as IN8nHttpFullResponse;
			return this.fromResponse(
				request,
				response.statusCode,
				response.body,
				response.headers as IDataObject,
			);
		} catch (error) {
			this.stopIfCancelled(signal);
			return this.fromThrown(request, error as ThrownHttpError);
		}
	}

	private fromResponse(
		request: BentoRequest,
		status: number,
		body: unknown,
		headers?: IDataObject,
	): Attempt {
		if ((status >= 200 && status < 300) || request.acceptStatuses?.includes(status))
			return { ok: true, status, body: asObject(body) };
		const text = httpFailureText(status, body);
		const description =
			status === 429 && request.rateLimitNote
				? `${text.description} ${request.rateLimitNote}`
				: text.description;
		return {
			ok: false,
			retryable: isRetryableStatus(status),
			sent: sentStateOfStatus(status),
			retryAfterMs: parseRetryAfter(header(headers, 'retry-after'), this.clock.now()),
			httpCode: String(status),
			message: this.redact(text.message),
			description: this.redact(description),
		};
	}

	// Network failures, and HTTP statuses should an n8n version throw them despite ignoreHttpStatusErrors.
	private fromThrown(request: BentoRequest, error: ThrownHttpError): Attempt {
		const response = error.cause?.response;
		if (response?.status)
			return this.fromResponse(request, response.status, response.data, response.headers);
		const httpCode = error.httpCode ?? error.cause?.code ?? error.code;
		if (httpCode && /^\d{3}$/.test(httpCode))
			return this.fromResponse(request, Number(httpCode), undefined);
		const code = httpCode ?? 'UNKNOWN';
		const cause = TIMEOUT_CODES.has(code)
			? `no answer within the ${this.options.timeoutMs} ms timeout`
			: (error.cause?.message ?? error.message ?? 'unknown error');
		const sent = sentStateOfNetworkCode(code);
		return {
			ok: false,
			retryable: isRetryableNetworkCode(code),
			sent,
			httpCode: code,
			message: this.redact(`Could not reach Bento (${code}): ${cause}`),
			description: this.redact(
				sent === 'no'
					? `The request to ${this.baseUrl} failed before a connection was made; nothing reached Bento.`
					: `The request to ${this.baseUrl} failed before Bento answered. A timeout or dropped connection may still have delivered it.`,
			),
		};
	}
}
