import nock from 'nock';

import { BENTO_ORIGIN } from './mockBento';

export interface Recorded {
	body: Record<string, unknown> | undefined;
	headers: Record<string, string | string[] | undefined>;
	/** The query string's parameters; `siteUuids` keeps every site_uuid sent, to see repeats. */
	query: Record<string, string>;
	siteUuids: string[];
}

export type Reply = [status: number, body?: unknown, headers?: Record<string, string>];

/**
 * Intercepts `method path` (below /api/v1) on Bento's host. Each request takes the next reply of
 * `replies` (the last repeats), or what `answer` computes from the request.
 */
export function mockEndpoint(
	method: 'GET' | 'POST',
	path: string,
	replies: Reply[] | ((request: Recorded, n: number) => Reply),
) {
	const requests: Recorded[] = [];
	const interceptor =
		method === 'GET'
			? nock(BENTO_ORIGIN).get(`/api/v1${path}`)
			: nock(BENTO_ORIGIN).post(`/api/v1${path}`);
	const scope = interceptor
		.query(true)
		.times(Number.MAX_SAFE_INTEGER)
		.reply(function (uri, body) {
			const url = new URL(uri, BENTO_ORIGIN);
			const request: Recorded = {
				body: (body || undefined) as Recorded['body'],
				headers: this.req.headers,
				query: Object.fromEntries(url.searchParams),
				siteUuids: url.searchParams.getAll('site_uuid'),
			};
			requests.push(request);
			if (typeof replies === 'function') return replies(request, requests.length - 1);
			return replies[Math.min(requests.length - 1, replies.length - 1)] ?? [200, {}];
		});
	return { requests, scope };
}

/** A batch endpoint that answers like Bento, `{results: n}` for the n records under `key`. */
export function mockBatch(path: string, key: string, replies: Reply[] = []) {
	return mockEndpoint('POST', path, (request, n) => {
		const list = (request.body?.[key] ?? []) as unknown[];
		return replies[Math.min(n, replies.length - 1)] ?? [200, { results: list.length }];
	});
}

/** Bento's subscriber envelope. */
export function bentoSubscriber(id: number, email: string, extra: Record<string, unknown> = {}) {
	return {
		id: String(id),
		type: 'visitors',
		attributes: {
			uuid: `uuid-${id}`,
			email,
			fields: { first_name: 'Ann' },
			cached_tag_ids: ['1'],
			unsubscribed_at: null,
			...extra,
		},
	};
}
