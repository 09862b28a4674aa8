import type { IDataObject } from 'n8n-workflow';

import type { BentoTransport } from '../../transport';
import { BENTO_STATS_REQUESTS_PER_HOUR } from '../../transport/bentoLimits';
import { dataOf } from '../library.common';

// Bento allows /stats/* few requests an hour (bentoLimits.ts). The transport
// waits for that window only when it resets within its wait cap, and otherwise says when to retry.
const STATS_LIMIT_NOTE = `Bento allows about ${BENTO_STATS_REQUESTS_PER_HOUR} requests per hour to /stats (some pages say 30), per site: wait, or run this less often. The node reads site stats once per execution and each segment or report once.`;

/** One GET to a /stats endpoint, with Bento's hourly limit in mind. */
export async function readStats(
	transport: BentoTransport,
	endpoint: string,
	qs?: IDataObject,
): Promise<IDataObject> {
	const { body } = await transport.request({
		method: 'GET',
		endpoint,
		qs,
		rateLimitNote: STATS_LIMIT_NOTE,
	});
	return body;
}

/** Site or segment counts: `{user_count, subscriber_count, unsubscriber_count}`, unwrapped if enveloped. */
export async function readCounts(
	transport: BentoTransport,
	endpoint: string,
	qs?: IDataObject,
): Promise<IDataObject> {
	return dataOf(await readStats(transport, endpoint, qs));
}
