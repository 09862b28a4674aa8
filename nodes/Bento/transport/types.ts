import type { IDataObject, IHttpRequestMethods } from 'n8n-workflow';

export interface DeliveryOptions {
	maxRetries: number;
	initialDelayMs: number;
	timeoutMs: number;
	/** A fixed pace; 0 is automatic: full speed until Bento refuses, then at its pace. */
	requestsPerMinute: number;
	/**
	 * How long a request waits for its turn in its account's line under the per-minute limit
	 * (ms) before it fails naming the limit; waits after a refusal keep the 5-minute retry cap.
	 */
	maxRateLimitWaitMs: number;
	/** Send nothing: every request is held (see HeldRequest) for the engines to show. */
	dryRun?: boolean;
}

export interface BentoRequest {
	method: IHttpRequestMethods;
	/** Path below the base URL, e.g. `/fetch/tags`. */
	endpoint: string;
	qs?: IDataObject;
	/** An object, or JSON already encoded (a batch serialized while the one before was in flight). */
	body?: IDataObject | Buffer;
	/**
	 * The input items a write carries (a batch's, or one item's), in order: n8n running the node
	 * again (Retry On Fail) finds the write by them even if its content changed (see RerunRecord).
	 * Without them a hash of its query and body stands in.
	 */
	items?: number[];
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
}

export interface BentoResponse {
	status: number;
	body: IDataObject;
	attempts: number;
	/**
	 * Whether an earlier attempt of this request failed in a way that may have delivered it (a
	 * timeout, a dropped connection, a 5xx): then this answer may be Bento's view after that one.
	 */
	maybeSentBefore: boolean;
}
