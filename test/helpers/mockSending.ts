import nock from 'nock';

import { BENTO_ORIGIN } from './mockBento';

export interface Recorded {
	method: string;
	path: string;
	body: Record<string, unknown>;
	query: Record<string, string>;
	rawQuery: string;
}

type Reply = [status: number, body?: unknown, headers?: Record<string, string>];
/** What nock's reply callback is given with an error: nock reads only the error then. */
const NO_REPLY = null as unknown as nock.ReplyFnResult;
/** A reply, `'reset'` (the connection drops after the body went out) or a network error code. */
export type Step = Reply | 'reset' | { code: string };

/**
 * Intercepts `method path` on Bento's host. Request n takes `steps[n]` (the last one repeats);
 * without steps it answers `answer(body)`. Records every request.
 */
export function mockBento(
	method: 'GET' | 'POST',
	path: string,
	steps: Step[] = [],
	answer: (body: Record<string, unknown>, query: Record<string, string>) => unknown = () => ({}),
) {
	const requests: Recorded[] = [];
	const interceptor = nock(BENTO_ORIGIN)
		.intercept(`/api/v1${path}`, method)
		.query(true)
		.times(Number.MAX_SAFE_INTEGER);
	const scope = interceptor.reply(function (uri, body, callback) {
		const url = new URL(uri, BENTO_ORIGIN);
		const query = Object.fromEntries(url.searchParams);
		const parsed = (body || {}) as Record<string, unknown>;
		requests.push({ method, path, body: parsed, query, rawQuery: url.search.slice(1) });
		const step = steps[Math.min(requests.length - 1, steps.length - 1)];
		if (step === 'reset')
			return callback(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }), NO_REPLY);
		if (step && !Array.isArray(step))
			return callback(Object.assign(new Error(step.code), { code: step.code }), NO_REPLY);
		callback(null, (step ?? [200, answer(parsed, query)]) as unknown as nock.ReplyFnResult);
	});
	return { requests, scope };
}

/** Bento's answer to POST /batch/emails: how many it queued. */
export const queued = (body: Record<string, unknown>) => ({
	results: (body.emails as unknown[]).length,
});
