import {
	type ICredentialsDecrypted,
	type IDataObject,
	type IExecuteFunctions,
	type ILoadOptionsFunctions,
	type IN8nHttpFullResponse,
	type IPollFunctions,
	NodeApiError,
	NodeOperationError,
} from 'n8n-workflow';

import {
	apiFailure,
	type Attempt,
	attemptOfResponse,
	attemptOfThrown,
	type ThrownHttpError,
} from './attempt';
import { onceRequestLeft, systemClock } from './clock';
import { accountKey, gateFor } from './gate';
import { Pacer } from './pacer';
import { rateLimitAdvice, rateLimitFamilyOf } from './rateLimit';
import { createRedactor } from './redact';
import { RerunRecord, type RecordedOutcome } from './rerunRecord';
import { backoffDelay, RETRY_CAPS, type RetryPolicy } from './retryPolicy';
import type { BentoRequest, BentoResponse, DeliveryOptions } from './types';
import { USER_AGENT } from './userAgent';

export const DEFAULT_BASE_URL = 'https://app.bentonow.com/api/v1';

export type { BentoRequest, BentoResponse, DeliveryOptions } from './types';

// A 429 is "wait, then go on", bounded by the wait cap and by this count per request.
const MAX_REFUSALS = 30;

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
 * The one door to Bento's API. Built once per run of a node: it holds that run's pacing, the
 * redaction of its credential and the record of its writes (see RerunRecord).
 */
export class BentoTransport {
	private readonly clock = systemClock;

	/** The input items this transport's writes carry (see `forItems`). */
	private items?: number[];

	private constructor(
		private readonly ctx: Context,
		private readonly baseUrl: string,
		private readonly siteUuid: string,
		/** Masks this execution's secrets in a text the node is about to emit. */
		readonly redact: (text: string) => string,
		private readonly options: DeliveryOptions,
		private readonly policy: RetryPolicy,
		/** This run's even pace when Requests Per Minute is set; the account's line is shared. */
		private readonly pacer: Pacer,
		/** The account (see accountKey): its gates are shared by every run in this process. */
		readonly account: string,
		private readonly record: RerunRecord,
		/**
		 * The credential as read once for this execution, handed to n8n with every request: without
		 * it n8n loads and decrypts the credential again per request (a database read each time).
		 */
		private readonly credential: ICredentialsDecrypted,
	) {}

	/**
	 * The transport of one run of a node (an execute, a picker's search, a poll), with the
	 * credential read once and `options` (delivery options, ms). Throws n8n's error when the node
	 * has no `bentoApi` credential.
	 */
	static async forExecution(ctx: Context, options: DeliveryOptions): Promise<BentoTransport> {
		const credentials = await ctx.getCredentials('bentoApi');
		const secrets = [credentials.publishableKey, credentials.secretKey, credentials.siteUuid];
		const policy = {
			...RETRY_CAPS,
			maxRetries: options.maxRetries,
			initialDelayMs: options.initialDelayMs,
		};
		const node = ctx.getNode();
		const run = ctx as Partial<IExecuteFunctions>;
		const saved = node.credentials?.bentoApi;
		return new BentoTransport(
			ctx,
			// Another package's `bentoApi` class (the official node's) has no Base URL field.
			apiBaseUrl(credentials.baseUrl),
			String(credentials.siteUuid ?? ''),
			createRedactor(secrets as Array<string | undefined>),
			options,
			policy,
			new Pacer(options.requestsPerMinute, systemClock),
			accountKey(apiBaseUrl(credentials.baseUrl), String(credentials.siteUuid ?? '')),
			RerunRecord.forRun(
				run.getExecutionId?.(),
				node.name,
				// n8n's run index of this node ($runIndex): a loop's next pass is a new run.
				Number(run.getWorkflowDataProxy?.(0).$runIndex ?? 0),
				systemClock.now(),
			),
			{ id: saved?.id ?? '', name: saved?.name ?? '', type: 'bentoApi', data: credentials },
		);
	}

	/**
	 * This transport, for writes that carry input items `itemIndexes` (a batch's, or one item's):
	 * n8n re-running the node finds them by their items even if their content changed.
	 */
	forItems(itemIndexes: number[]): BentoTransport {
		const scoped = Object.create(this) as BentoTransport;
		scoped.items = itemIndexes;
		return scoped;
	}

	/**
	 * The node's run ends with `output`: when its first item is no error item, n8n will not run
	 * the node again (Retry On Fail), and the record of its writes is dropped.
	 */
	finish(output: Array<{ json: IDataObject }>): void {
		if (output[0]?.json.error === undefined) this.record.release();
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
	 * Sends one request: paced under Bento's rate limit, a 429 waited out (see RateLimiter),
	 * other transient failures retried up to Max Retries. A write that an earlier run of this
	 * node in this execution sent is not sent again: its answer, or its "may have been sent"
	 * failure, is given again. Throws a NodeApiError, redacted, when it gives up (its
	 * `context.maybeSent` tells whether Bento may have acted on it), and a NodeOperationError
	 * when the execution is cancelled.
	 */
	async request(request: BentoRequest): Promise<BentoResponse> {
		const { method, endpoint } = request;
		const write = method !== 'GET' && this.record.active;
		const keyOf = () => this.record.keyOf(method, endpoint, this.items, request.qs, request.body);
		// On a first try nothing can be found: a key that is a hash of the body is then made while
		// the request is on the wire, off the path users wait on.
		let key = write && (this.record.isRerun || this.items) ? keyOf() : undefined;
		const earlier = key === undefined ? undefined : this.record.outcome(key);
		if (earlier) return this.again(earlier);

		const signal = this.signal();
		const family = rateLimitFamilyOf(endpoint);
		const gate = gateFor(this.account, family, this.clock);
		const place = gate.place();
		// A turn in line under the per-minute limit is waited for up to the user's bound; waits after
		// a refusal, and the hourly and daily limits' turns, stay under the retry cap, as before.
		const lineCapMs =
			family.key === 'minute' ? this.options.maxRateLimitWaitMs : this.policy.maxTotalWaitMs;
		let lineWaitMs = 0;
		let refusalWaitMs = 0;
		let retryWaitMs = 0;
		let retries = 0;
		let refusals = 0;
		let maybeSent = false;
		let refusedAt: number | undefined;
		for (let attempt = 1; ; attempt++) {
			if (refusedAt === undefined) await this.pacer.beforeRequest(signal);
			const turn = await gate.turn(place, {
				maxWaitMs:
					refusedAt === undefined
						? lineCapMs - lineWaitMs
						: this.policy.maxTotalWaitMs - refusalWaitMs,
				signal,
				now: refusedAt,
			});
			if ('retryAt' in turn) {
				throw apiFailure(this.ctx.getNode(), {
					message: `Not sent: its turn under Bento's rate limit is further away than the node waits (${rateLimitAdvice(family, turn.retryAt)})`,
					description: `Requests to this Bento account wait in line under its limit; this one's turn would come after more than ${Math.round(lineCapMs / 60_000)} minutes (option Max Wait for Rate Limit).`,
					httpCode: '429',
					maybeSent,
				});
			}
			if ('cancelled' in turn) throw this.cancelled();
			const { sentAt } = turn;
			if (signal?.aborted) {
				gate.settle(sentAt, { kind: 'unsent' });
				throw this.cancelled();
			}
			if (refusedAt === undefined) lineWaitMs += turn.waitedMs;
			else refusalWaitMs += turn.waitedMs;
			refusedAt = undefined;
			let result: Attempt | undefined;
			try {
				const sending = this.send(request, signal);
				if (write && key === undefined) {
					// Awaited below; a failure meanwhile must not count as an unhandled rejection.
					sending.catch(() => undefined);
					await onceRequestLeft(() => (key = keyOf()));
				}
				result = await sending;
			} finally {
				// Bento counted every answered request against its limit; a refusal is told below.
				const answered = result && (result.ok || /^\d{3}$/.test(result.httpCode));
				if (!(result && !result.ok && result.refusal))
					gate.settle(sentAt, {
						kind: answered ? 'answered' : 'failed',
						serverDateMs: result?.serverDateMs,
					});
			}
			if (result.ok) {
				const { status, body } = result;
				const response = { status, body, attempts: attempt, maybeSentBefore: maybeSent };
				if (key !== undefined)
					this.record.save(key, { kind: 'answered', ...response }, this.clock.now());
				return response;
			}
			const failed = result;
			maybeSent ||= failed.sent === 'maybe';
			const giveUp = (why = '') => {
				const error = this.failure(failed, attempt, why, maybeSent);
				if (maybeSent && key !== undefined) {
					const { message, description, httpCode } = error;
					const outcome = { message, description: description ?? '', httpCode: httpCode ?? '' };
					this.record.save(key, { kind: 'maybeSent', ...outcome }, this.clock.now());
				}
				return error;
			};

			if (failed.refusal) {
				const now = this.clock.now();
				const { retryAt, guessed } = gate.settle(
					sentAt,
					{ kind: 'refused', ...failed.refusal },
					now,
				);
				const waitMs = retryAt - now;
				if (++refusals > MAX_REFUSALS || refusalWaitMs + waitMs > this.policy.maxTotalWaitMs)
					throw giveUp(rateLimitAdvice(family, retryAt, guessed));
				// Back to its place in line, its wait measured from the refusal.
				refusedAt = now;
				continue;
			}
			if (!failed.retryable || retries >= this.policy.maxRetries) throw giveUp();
			if (request.resend === 'ifNotSent' && failed.sent === 'maybe')
				throw giveUp('not retried: it may have been delivered');
			const delay = failed.retryAfterMs ?? backoffDelay(retries, this.policy, this.clock.random);
			retries++;
			if (retryWaitMs + delay > this.policy.maxTotalWaitMs)
				throw giveUp('retry wait limit reached');
			retryWaitMs += delay;
			await this.clock.wait(delay, signal);
		}
	}

	/** An earlier run's outcome for the same write, given again (returned or thrown) unsent. */
	private again(outcome: RecordedOutcome): BentoResponse {
		if (outcome.kind === 'answered') {
			const { status, body, attempts, maybeSentBefore } = outcome;
			return { status, body: structuredClone(body), attempts, maybeSentBefore };
		}
		const { message, description, httpCode } = outcome;
		throw apiFailure(this.ctx.getNode(), {
			message,
			description: `${description} It was not sent again when n8n ran this node again (Retry On Fail).`,
			httpCode,
			maybeSent: true,
		});
	}

	/** The error for a request given up on, redacted; `why` is why it was not tried again. */
	private failure(
		result: Extract<Attempt, { ok: false }>,
		attempt: number,
		why: string,
		maybeSent: boolean,
	): NodeApiError {
		const tries = attempt > 1 ? `after ${attempt} attempts` : '';
		const note = [tries, why].filter(Boolean).join('; ');
		const message = note ? `${result.message} (${note})` : result.message;
		const { httpCode, description } = result;
		return apiFailure(this.ctx.getNode(), { message, description, httpCode, maybeSent });
	}

	private signal(): AbortSignal | undefined {
		const ctx = this.ctx as Partial<IExecuteFunctions>;
		return ctx.getExecutionCancelSignal?.();
	}

	private cancelled(): NodeOperationError {
		return new NodeOperationError(this.ctx.getNode(), 'The execution was cancelled');
	}

	private stopIfCancelled(signal?: AbortSignal): void {
		if (signal?.aborted) throw this.cancelled();
	}

	private async send(request: BentoRequest, signal?: AbortSignal): Promise<Attempt> {
		const headers: IDataObject = { 'User-Agent': USER_AGENT };
		if (request.body) headers['Content-Type'] = 'application/json';
		const context = {
			acceptStatuses: request.acceptStatuses,
			rateLimitNote: request.rateLimitNote,
			baseUrl: this.baseUrl,
			timeoutMs: this.options.timeoutMs,
			now: this.clock.now(),
			redact: this.redact,
		};
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
			return attemptOfResponse(
				context,
				response.statusCode,
				response.body,
				response.headers as IDataObject,
			);
		} catch (error) {
			this.stopIfCancelled(signal);
			return attemptOfThrown(context, error as ThrownHttpError);
		}
	}
}
