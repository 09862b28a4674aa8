import nock from 'nock';

import { TEST_CREDENTIALS } from './runNode';

export const BENTO_ORIGIN = 'https://app.bentonow.com';

export interface RecordedRequest {
	body: { events: Array<Record<string, unknown>> };
	headers: Record<string, string | string[] | undefined>;
	query: Record<string, string>;
	/** The query string as sent, to see repeated parameters. */
	rawQuery: string;
}

type Reply = [status: number, body?: unknown, headers?: Record<string, string>];

/**
 * Intercepts POST /batch/events on Bento's host. Each request takes the next reply in
 * `replies` (the last one repeats); the default answers like Bento, counting the events.
 */
export function mockBatchEvents(replies: Reply[] = []) {
	const requests: RecordedRequest[] = [];
	const scope = nock(BENTO_ORIGIN)
		.post('/api/v1/batch/events')
		.query(true)
		.times(Number.MAX_SAFE_INTEGER)
		.reply(function (uri, body) {
			const url = new URL(uri, BENTO_ORIGIN);
			const parsed = body as RecordedRequest['body'];
			requests.push({
				body: parsed,
				headers: this.req.headers,
				query: Object.fromEntries(url.searchParams),
				rawQuery: url.search.slice(1),
			});
			const reply = replies[Math.min(requests.length - 1, replies.length - 1)];
			return reply ?? [200, { results: parsed.events.length, failed: 0 }];
		});
	return { requests, scope };
}

export const basicAuthHeader = `Basic ${Buffer.from(`${TEST_CREDENTIALS.publishableKey}:${TEST_CREDENTIALS.secretKey}`).toString('base64')}`;

export const SECRETS = [
	TEST_CREDENTIALS.secretKey,
	TEST_CREDENTIALS.publishableKey,
	TEST_CREDENTIALS.siteUuid,
	basicAuthHeader.slice(6),
];
