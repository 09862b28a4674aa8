import { mockEndpoint, type Recorded, type Reply } from './mockEndpoint';
import { TEST_CREDENTIALS } from './runNode';

export { BENTO_ORIGIN } from './mockEndpoint';

/** A POST /batch/events as Bento received it. */
export type RecordedRequest = Recorded<{ events: Array<Record<string, unknown>> }>;

/**
 * Intercepts POST /batch/events on Bento's host (mockEndpoint). Each request takes the next
 * reply in `replies` (the last one repeats); the default answers like Bento, counting the events.
 */
export function mockBatchEvents(replies: Reply[] = []) {
	return mockEndpoint<RecordedRequest['body']>(
		'POST',
		'/batch/events',
		(request, n) =>
			replies[Math.min(n, replies.length - 1)] ?? [
				200,
				{ results: request.body.events.length, failed: 0 },
			],
		(sent) => sent as RecordedRequest['body'],
	);
}

export const basicAuthHeader = `Basic ${Buffer.from(`${TEST_CREDENTIALS.publishableKey}:${TEST_CREDENTIALS.secretKey}`).toString('base64')}`;

export const SECRETS = [
	TEST_CREDENTIALS.secretKey,
	TEST_CREDENTIALS.publishableKey,
	TEST_CREDENTIALS.siteUuid,
	basicAuthHeader.slice(6),
];
