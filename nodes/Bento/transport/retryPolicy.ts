/** How a failed request is retried. All waits are in milliseconds. */
export interface RetryPolicy {
	maxRetries: number;
	initialDelayMs: number;
	/** Cap on one computed backoff wait. */
	maxDelayMs: number;
	/** Cap on all waiting for one request, Retry-After included. */
	maxTotalWaitMs: number;
}

/** The caps that are not options: how many retries and the first delay come from the user. */
export const RETRY_CAPS: Pick<RetryPolicy, 'maxDelayMs' | 'maxTotalWaitMs'> = {
	maxDelayMs: 30_000,
	maxTotalWaitMs: 5 * 60_000,
};

/**
 * Whether a request that failed may still have done its work at Bento. `no`: Bento certainly
 * did not act on it (it answered with a refusal, or the connection never opened). `maybe`: the
 * body may have arrived (a timeout, a dropped connection, a 5xx from somewhere on the way).
 */
export type SentState = 'no' | 'maybe';

// 52x: Cloudflare, in front of Bento, could not reach or hear from Bento's servers.
const RETRYABLE_STATUS = new Set([429, 500, 502, 503, 504, 521, 522, 523, 524, 525, 526]);

// Connection reset/refused, timeouts and transient DNS or routing failures.
const RETRYABLE_NETWORK_CODES = new Set([
	'ECONNRESET',
	'ECONNREFUSED',
	'ECONNABORTED',
	'ETIMEDOUT',
	'ESOCKETTIMEDOUT',
	'EPIPE',
	'EAI_AGAIN',
	'ENETUNREACH',
	'EHOSTUNREACH',
]);

// Failures before a connection existed: nothing can have reached Bento.
const NEVER_CONNECTED_CODES = new Set([
	'ECONNREFUSED',
	'ENOTFOUND',
	'EAI_AGAIN',
	'ENETUNREACH',
	'EHOSTUNREACH',
]);

export function isRetryableStatus(status: number): boolean {
	return RETRYABLE_STATUS.has(status);
}

export function isRetryableNetworkCode(code: string | undefined): boolean {
	return code !== undefined && RETRYABLE_NETWORK_CODES.has(code);
}

// Cloudflare, in front of Bento, answers these when it could not even connect to Bento's
// servers (down, unreachable, TLS failure): the request never reached them.
const ORIGIN_NEVER_REACHED = new Set([521, 522, 523, 525, 526]);

/**
 * A status below 500 is Bento's own answer that it did not do the work (429 included); so is a
 * Cloudflare "could not reach the origin" 52x. Any other 5xx may come after Bento took the body.
 */
export function sentStateOfStatus(status: number): SentState {
	return status < 500 || ORIGIN_NEVER_REACHED.has(status) ? 'no' : 'maybe';
}

export function sentStateOfNetworkCode(code: string): SentState {
	return NEVER_CONNECTED_CODES.has(code) ? 'no' : 'maybe';
}

/** Exponential backoff with full jitter: a random wait in [0, min(cap, initial * 2^retry)]. */
export function backoffDelay(retry: number, policy: RetryPolicy, random: () => number): number {
	const ceiling = Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** retry);
	return Math.round(random() * ceiling);
}

/** Retry-After as delta-seconds or an HTTP date, in ms from `now`; undefined when absent or unreadable. */
export function parseRetryAfter(value: unknown, now: number): number | undefined {
	if (typeof value !== 'string' || value.trim() === '') return undefined;
	const text = value.trim();
	if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
	const at = Date.parse(text);
	return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
