import { type IDataObject, type IExecuteFunctions, NodeOperationError } from 'n8n-workflow';

import { apiFailure, type Attempt, givenAgain, givenUp } from './attempt';
import { onceRequestLeft, systemClock } from './clock';
import { cleanCredentials } from './credentialValues';
import { accountKey } from './gates';
import { LinePlace } from './line';
import { Pacer } from './pacer';
import { createRedactor } from './redact';
import { RerunRecord } from './rerunRecord';
import { backoffDelay, RETRY_CAPS, type RetryPolicy } from './retryPolicy';
import { apiBaseUrl, type Context, type Destination, sendOnce } from './send';
import type { BentoRequest, BentoResponse, DeliveryOptions } from './types';

export { apiBaseUrl, DEFAULT_BASE_URL } from './send';
export type { BentoRequest, BentoResponse, DeliveryOptions } from './types';
/** Whether a request that failed may have been delivered (set by the transport on its errors). */
export function mayHaveBeenSent(error: unknown): boolean {
	return (error as { context?: IDataObject })?.context?.maybeSent === true;
}

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
		/** Where requests go and as whom; `redact` masks this execution's secrets. */
		private readonly to: Destination,
		private readonly options: DeliveryOptions,
		private readonly policy: RetryPolicy,
		/** This run's even pace when Requests Per Minute is set; the account's line is shared. */
		private readonly pacer: Pacer,
		/** The account (see accountKey): its gates are shared by every run in this process. */
		readonly account: string,
		private readonly record: RerunRecord,
	) {}

	/** Masks this execution's secrets in a text the node is about to emit. */
	get redact(): (text: string) => string {
		return this.to.redact;
	}

	/**
	 * The transport of one run of a node (an execute, a picker's search, a poll), with the
	 * credential read once and `options` (delivery options, ms). Throws n8n's error when the node
	 * has no `bentoApi` credential.
	 */
	static async forExecution(ctx: Context, options: DeliveryOptions): Promise<BentoTransport> {
		// Spaces pasted around a field are removed for every request, whichever `bentoApi` class
		// n8n loaded: n8n hands the cleaned data to that class's authenticate.
		const { data: credentials, problem } = cleanCredentials(await ctx.getCredentials('bentoApi'));
		if (problem !== undefined) throw new NodeOperationError(ctx.getNode(), problem);
		const secrets = [credentials.publishableKey, credentials.secretKey, credentials.siteUuid];
		const policy = {
			...RETRY_CAPS,
			maxRetries: options.maxRetries,
			initialDelayMs: options.initialDelayMs,
		};
		const node = ctx.getNode();
		const run = ctx as Partial<IExecuteFunctions>;
		const saved = node.credentials?.bentoApi;
		// Another package's `bentoApi` class (the official node's) has no Base URL field.
		const baseUrl = apiBaseUrl(credentials.baseUrl);
		const siteUuid = String(credentials.siteUuid ?? '');
		const to: Destination = {
			baseUrl,
			siteUuid,
			timeoutMs: options.timeoutMs,
			redact: createRedactor(secrets as Array<string | undefined>),
			// Read once for this execution and handed to n8n with every request: without it n8n loads
			// and decrypts the credential again per request (a database read each time).
			credential: {
				id: saved?.id ?? '',
				name: saved?.name ?? '',
				type: 'bentoApi',
				data: credentials,
			},
		};
		return new BentoTransport(
			ctx,
			to,
			options,
			policy,
			new Pacer(options.requestsPerMinute, systemClock),
			accountKey(baseUrl, siteUuid),
			RerunRecord.forRun(
				run.getExecutionId?.(),
				node.name,
				// n8n's run index of this node ($runIndex): a loop's next pass is a new run.
				Number(run.getWorkflowDataProxy?.(0).$runIndex ?? 0),
				systemClock.now(),
			),
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
		if (earlier) return givenAgain(this.ctx.getNode(), earlier);

		const signal = this.signal();
		const line = new LinePlace(
			this.account,
			endpoint,
			this.clock,
			this.options.maxRateLimitWaitMs,
			this.policy.maxTotalWaitMs,
		);
		let retryWaitMs = 0;
		let retries = 0;
		let maybeSent = false;
		for (let attempt = 1; ; attempt++) {
			if (!line.afterRefusal) await this.pacer.beforeRequest(signal);
			const turn = await line.turn(signal);
			if ('retryAt' in turn)
				throw apiFailure(this.ctx.getNode(), {
					...line.tooFar(turn.retryAt),
					httpCode: '429',
					maybeSent,
				});
			if ('cancelled' in turn) throw this.cancelled();
			const { sentAt } = turn;
			if (signal?.aborted) {
				line.settle(sentAt, undefined, false);
				throw this.cancelled();
			}
			let result: Attempt | undefined;
			try {
				const sending = sendOnce(this.ctx, this.to, request, this.clock.now(), () =>
					this.stopIfCancelled(signal),
				);
				if (write && key === undefined) {
					// Awaited below; a failure meanwhile must not count as an unhandled rejection.
					sending.catch(() => undefined);
					await onceRequestLeft(() => (key = keyOf()));
				}
				result = await sending;
			} finally {
				// A refusal is told below, with what it means for this request.
				if (!(result && !result.ok && result.refusal)) line.settle(sentAt, result);
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
				const error = givenUp(this.ctx.getNode(), failed, attempt, why, maybeSent);
				if (maybeSent && key !== undefined) {
					const { message, description, httpCode } = error;
					const outcome = { message, description: description ?? '', httpCode: httpCode ?? '' };
					this.record.save(key, { kind: 'maybeSent', ...outcome }, this.clock.now());
				}
				return error;
			};

			if (failed.refusal) {
				// Back to its place in line, its wait for the reset measured from the refusal.
				const advice = line.refused(sentAt, failed.refusal, this.clock.now());
				if (advice !== undefined) throw giveUp(advice);
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
}
