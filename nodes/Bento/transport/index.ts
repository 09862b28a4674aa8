import { type IDataObject, type IExecuteFunctions, NodeOperationError } from 'n8n-workflow';

import { givenAgain } from './attempt';
import { onceRequestLeft, systemClock } from './clock';
import { cleanCredentials } from './credentialValues';
import { accountKey } from './gates';
import { Pacer } from './pacer';
import { createRedactor } from './redact';
import { type RecordedOutcome, RerunRecord } from './rerunRecord';
import { RETRY_CAPS } from './retryPolicy';
import { apiBaseUrl, type Context, type Destination } from './send';
import { Sender } from './sender';
import type { BentoRequest, BentoResponse, DeliveryOptions } from './types';

export { apiBaseUrl, DEFAULT_BASE_URL } from './send';
export type { BentoRequest, BentoResponse, DeliveryOptions } from './types';
/**
 * What the transport throws in a dry run (DeliveryOptions.dryRun) instead of sending `request`:
 * the request as the caller gave it. Nothing was sent, paced or recorded.
 */
export class HeldRequest extends Error {
	constructor(readonly request: BentoRequest) {
		super(`Dry run: ${request.method} ${request.endpoint} was not sent`);
	}
}

/** Whether a request that failed may have been delivered (set by the transport on its errors). */
export function mayHaveBeenSent(error: unknown): boolean {
	return (error as { context?: IDataObject })?.context?.maybeSent === true;
}

/** A failure that may have been delivered, as the rerun record keeps it (its report as given). */
function maybeSentOutcome(error: unknown): RecordedOutcome {
	const { message, description, httpCode } = error as {
		message: string;
		description?: string | null;
		httpCode?: string | null;
	};
	return { kind: 'maybeSent', message, description: description ?? '', httpCode: httpCode ?? '' };
}

/**
 * The one door to Bento's API. Built once per run of a node: it holds that run's sender (pacing,
 * retries, the account's line), the redaction of its credential and the record of its writes
 * (see RerunRecord).
 */
export class BentoTransport {
	private readonly clock = systemClock;

	private constructor(
		private readonly ctx: Context,
		/** Masks this execution's secrets in a text. */
		readonly redact: (text: string) => string,
		private readonly sender: Sender,
		/** The account (see accountKey): its gates are shared by every run in this process. */
		readonly account: string,
		private readonly record: RerunRecord,
		/** A dry run: no request leaves (see HeldRequest). */
		private readonly dryRun = false,
	) {}

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
		const account = accountKey(baseUrl, siteUuid);
		const pacer = new Pacer(options.requestsPerMinute, systemClock);
		const sender = new Sender(ctx, to, policy, pacer, account, options.maxRateLimitWaitMs);
		// A dry run shares nothing with the real tries of this run (Retry On Fail).
		const record = RerunRecord.forRun(
			options.dryRun ? undefined : run.getExecutionId?.(),
			node.name,
			// n8n's run index of this node ($runIndex): a loop's next pass is a new run.
			Number(run.getWorkflowDataProxy?.(0).$runIndex ?? 0),
			systemClock.now(),
		);
		return new BentoTransport(ctx, to.redact, sender, account, record, options.dryRun);
	}

	/**
	 * The node's run ends with `output`: when its first item is no error item, n8n will not run
	 * the node again (Retry On Fail), and the record of its writes is dropped.
	 */
	finish(output: Array<{ json: IDataObject }>): void {
		if (output[0]?.json.error === undefined) this.record.release();
	}

	/**
	 * When n8n runs the node again (Retry On Fail), the input items of each write to `endpoint`
	 * its earlier tries sent, in order (see RerunRecord.earlierItems); else none.
	 */
	earlierWrites(endpoint: string): number[][] {
		return this.record.isRerun ? this.record.earlierItems('POST', endpoint) : [];
	}

	/**
	 * Whether an earlier try of this run (n8n's Retry On Fail) sent the write `method endpoint`
	 * for these input items, answered or maybe delivered. Sends nothing.
	 */
	sentInEarlierTry(method: string, endpoint: string, items: number[]): boolean {
		return this.record.isRerun && this.record.wroteBefore(method, endpoint, items);
	}

	/**
	 * What an earlier try of this run got for the POST to `endpoint` carrying `items`: its answer,
	 * or its "may have been sent" failure thrown again (NodeApiError); undefined when no earlier
	 * try sent it. Sends nothing (the batch writer's items that an earlier try's write carried).
	 */
	earlierOutcome(endpoint: string, items: number[]): BentoResponse | undefined {
		if (!this.record.isRerun) return undefined;
		const earlier = this.record.outcome(this.keyOf({ method: 'POST', endpoint, items }));
		return earlier && givenAgain(this.ctx.getNode(), earlier);
	}

	/** POSTs `body` to `endpoint`; `more`: the input items it carries, how to resend; see `request`. */
	async post(
		endpoint: string,
		body: IDataObject | Buffer,
		more: Pick<BentoRequest, 'items' | 'resend'> = {},
	): Promise<BentoResponse> {
		return await this.request({ method: 'POST', endpoint, body, ...more });
	}

	/**
	 * Sends one request: paced under Bento's rate limit, a 429 waited out, other transient
	 * failures retried up to Max Retries (see Sender). A write that an earlier run of this node in
	 * this execution sent is not sent again: its answer, or its "may have been sent" failure, is
	 * given again. In a dry run nothing is sent: throws a HeldRequest. Throws a NodeApiError, redacted, when it gives up (its `context.maybeSent`
	 * tells whether Bento may have acted on it), and a NodeOperationError when the execution is
	 * cancelled.
	 */
	async request(request: BentoRequest): Promise<BentoResponse> {
		if (this.dryRun) throw new HeldRequest(request);
		if (request.method === 'GET' || !this.record.active) return await this.sender.send(request);
		// On a first try nothing can be found: a key that is a hash of the body is then made
		// while the request is on the wire (see sendAndRecord).
		const known = this.record.isRerun || request.items !== undefined;
		const key = known ? this.keyOf(request) : undefined;
		const earlier = key === undefined ? undefined : this.record.outcome(key);
		if (earlier) return givenAgain(this.ctx.getNode(), earlier);
		return await this.sendAndRecord(request, key);
	}

	/**
	 * Sends the write `request` and keeps its outcome under `key` (made while the request is on
	 * the wire when not given): Bento's answer, or a failure that may have been delivered.
	 */
	private async sendAndRecord(request: BentoRequest, key?: string): Promise<BentoResponse> {
		const sending = this.sender.send(request);
		// Awaited below; a failure meanwhile must not count as an unhandled rejection.
		sending.catch(() => undefined);
		const recordAs = key ?? (await onceRequestLeft(() => this.keyOf(request)));
		// Runs before the caller hears of the failure (handlers run in the order attached).
		sending.catch((error: unknown) => {
			if (mayHaveBeenSent(error))
				this.record.save(recordAs, maybeSentOutcome(error), this.clock.now());
		});
		const response = await sending;
		this.record.save(recordAs, { kind: 'answered', ...response }, this.clock.now());
		return response;
	}

	private keyOf({ method, endpoint, items, qs, body }: BentoRequest): string {
		return this.record.keyOf(method, endpoint, items, qs, body);
	}
}
