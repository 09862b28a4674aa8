// The one request-recording stand-in for Bento's API in node tests: every other mock
// (mockBatch, mockBento, mockBatchEvents) is a reply policy over it.
import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';

export const BENTO_ORIGIN = 'https://app.bentonow.com';

export type Reply = [status: number, body?: unknown, headers?: Record<string, string>];
/** A reply, `'reset'` (the connection drops after the request went out) or a network error code. */
export type Step = Reply | 'reset' | { code: string };

/** A JSON body as Bento received it, as n8n types one (assertions read it at any depth). */
export type Body = IDataObject;

export interface Recorded<B = Body | undefined> {
	method: string;
	/** Path below /api/v1. */
	path: string;
	/** The body sent (`undefined` when none, unless the mock's `readBody` says otherwise). */
	body: B;
	headers: Record<string, string | string[] | undefined>;
	query: Record<string, string>;
	/** The query string as sent, to count repeated parameters. */
	rawQuery: string;
	/** Every site_uuid sent, to see repeats. */
	siteUuids: string[];
}

const below = (pathname: string) => pathname.replace(/^\/api\/v1/, '');

/**
 * Intercepts `method` on `path` below /api/v1 on Bento's host (a RegExp matches the path below
 * it) and records every request. Request n takes `replies[n]` (the last one repeats; none:
 * `[200, {}]`), or `replies(request, n)` decides. `readBody` turns the body sent into `body`.
 */
export function mockEndpoint<B = Body | undefined>(
	method: string,
	path: string | RegExp,
	replies: Step[] | ((request: Recorded<B>, n: number) => Step) = [],
	readBody: (sent: unknown) => B = (sent) => (sent === '' || sent == null ? undefined : sent) as B,
) {
	const requests: Array<Recorded<B>> = [];
	const matches = (uri: string) => {
		const pathname = below(new URL(uri, BENTO_ORIGIN).pathname);
		return typeof path === 'string' ? pathname === path : path.test(pathname);
	};
	const scope = nock(BENTO_ORIGIN)
		.intercept(matches, method)
		.query(true)
		.times(Number.MAX_SAFE_INTEGER)
		.reply(function (uri, sent, callback) {
			const url = new URL(uri, BENTO_ORIGIN);
			const request: Recorded<B> = {
				method,
				path: below(url.pathname),
				body: readBody(sent),
				headers: this.req.headers,
				query: Object.fromEntries(url.searchParams),
				rawQuery: url.search.slice(1),
				siteUuids: url.searchParams.getAll('site_uuid'),
			};
			requests.push(request);
			const n = requests.length - 1;
			const step =
				typeof replies === 'function'
					? replies(request, n)
					: (replies[Math.min(n, replies.length - 1)] ?? [200, {}]);
			// With an error, nock drops the connection and reads no reply ([0] stands in for none).
			if (step === 'reset')
				return callback(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }), [0]);
			if (!Array.isArray(step))
				return callback(Object.assign(new Error(step.code), { code: step.code }), [0]);
			// A reply's body is any JSON value, which nock's types spell narrower.
			callback(null, step as unknown as nock.ReplyFnResult);
		});
	return { requests, scope };
}
