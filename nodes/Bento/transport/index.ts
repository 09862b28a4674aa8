import {
	type IDataObject,
	type IExecuteFunctions,
	type IN8nHttpFullResponse,
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

type Attempt =
	| { ok: true; body: IDataObject }
	| {
			ok: false;
			retryable: boolean;
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
 * The one door to Bento's API. Built once per execution: it holds the pacing and the
 * redaction of this execution's credential, and keeps nothing afterwards.
 */
export class BentoTransport {
	private constructor(
		private readonly ctx: IExecuteFunctions,
		private readonly baseUrl: string,
		/** Masks this execution's secrets in a text the node is about to emit. */
		readonly redact: (text: string) => string,
		private readonly options: DeliveryOptions,
		private readonly policy: RetryPolicy,
		private readonly pacer: Pacer,
	) {}

	private readonly clock = systemClock;

	static async forExecution(
		ctx: IExecuteFunctions,
		options: DeliveryOptions,
	): Promise<BentoTransport> {
		const credentials = await ctx.getCredentials('bentoApi');
		const secrets = [credentials.publishableKey, credentials.secretKey, credentials.siteUuid];
		const baseUrl = String(credentials.baseUrl || DEFAULT_BASE_URL).replace(/\/+$/, '');
		const policy = {
			...RETRY_CAPS,
			maxRetries: options.maxRetries,
			initialDelayMs: options.initialDelayMs,
		};
		const redact = createRedactor(secrets as Array<string | undefined>);
		return new BentoTransport(
			ctx,
			baseUrl,
			redact,
			options,
			policy,
			new Pacer(options.requestsPerMinute, systemClock),
		);
	}

	/**
	 * POSTs `body`, retrying transient failures. Throws a NodeApiError, redacted, when it gives
	 * up, and a NodeOperationError when the execution is cancelled.
	 */
	async post(
		endpoint: string,
		body: IDataObject,
	): Promise<{ body: IDataObject; attempts: number }> {
		const signal = this.ctx.getExecutionCancelSignal?.();
		let waitedMs = 0;
		for (let attempt = 1; ; attempt++) {
			await this.pacer.beforeRequest(signal);
			this.stopIfCancelled(signal);
			const result = await this.send(endpoint, body, signal);
			if (result.ok) return { body: result.body, attempts: attempt };

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
				return error;
			};
			if (!result.retryable || retry >= this.policy.maxRetries) throw giveUp();
			const delay = result.retryAfterMs ?? backoffDelay(retry, this.policy, this.clock.random);
			if (waitedMs + delay > this.policy.maxTotalWaitMs) throw giveUp('retry wait limit reached');
			waitedMs += delay;
			await this.clock.wait(delay, signal);
		}
	}

	private stopIfCancelled(signal?: AbortSignal): void {
		if (signal?.aborted)
			throw new NodeOperationError(this.ctx.getNode(), 'The execution was cancelled');
	}

	private async send(endpoint: string, body: IDataObject, signal?: AbortSignal): Promise<Attempt> {
		try {
			const response = (await this.ctx.helpers.httpRequestWithAuthentication.call(
				this.ctx,
				'bentoApi',
				{
					method: 'POST',
					url: `${this.baseUrl}${endpoint}`,
					body,
					json: true,
					timeout: this.options.timeoutMs,
					headers: { 'User-Agent': USER_AGENT, 'Content-Type': 'application/json' },
					returnFullResponse: true,
					ignoreHttpStatusErrors: true,
				},
			)) as IN8nHttpFullResponse;
			return this.fromResponse(response.statusCode, response.body, response.headers as IDataObject);
		} catch (error) {
			this.stopIfCancelled(signal);
			return this.fromThrown(error as ThrownHttpError);
		}
	}

	private fromResponse(status: number, body: unknown, headers?: IDataObject): Attempt {
		if (status >= 200 && status < 300) return { ok: true, body: asObject(body) };
		const text = httpFailureText(status, body);
		return {
			ok: false,
			retryable: isRetryableStatus(status),
			retryAfterMs: parseRetryAfter(header(headers, 'retry-after'), this.clock.now()),
			httpCode: String(status),
			message: this.redact(text.message),
			description: this.redact(text.description),
		};
	}

	// Network failures, and HTTP statuses should an n8n version throw them despite ignoreHttpStatusErrors.
	private fromThrown(error: ThrownHttpError): Attempt {
		const response = error.cause?.response;
		if (response?.status)
			return this.fromResponse(response.status, response.data, response.headers);
		const httpCode = error.httpCode ?? error.cause?.code ?? error.code;
		if (httpCode && /^\d{3}$/.test(httpCode)) return this.fromResponse(Number(httpCode), undefined);
		const code = httpCode ?? 'UNKNOWN';
		const cause = TIMEOUT_CODES.has(code)
			? `no answer within the ${this.options.timeoutMs} ms timeout`
			: (error.cause?.message ?? error.message ?? 'unknown error');
		return {
			ok: false,
			retryable: isRetryableNetworkCode(code),
			httpCode: code,
			message: this.redact(`Could not reach Bento (${code}): ${cause}`),
			description: this.redact(
				`The request to ${this.baseUrl} failed before Bento answered. A timeout or dropped connection may still have delivered it; set a Unique Key to make resends safe.`,
			),
		};
	}
}
