import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { outputProperties, type SimplifySpec } from '../../engines/output';
import { executePerItem } from '../../engines/perItem';
import type { BentoTransport } from '../../transport';
import { BENTO_STATS_REQUESTS_PER_HOUR } from '../../transport/bentoLimits';
import { operationDescription, requestOptionsCollection } from '../common.descriptions';
import { dataOf, readId } from '../library.common';
import type { BentoOperation, Operation } from '../node.type';

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

export interface StatsSpec {
	operation: BentoOperation<'stats'>;
	/** The operation's one parameter: the ID's picker or field, or a notice when there is no ID. */
	parameter: INodeProperties;
	endpoint: string;
	/**
	 * The query key that takes the parameter's ID (`segment_id`), also put first in the output;
	 * none when the read takes no ID (site stats).
	 */
	idKey?: string;
	read: typeof readStats;
	/** Offers Simplify on the answer (engines/output.ts), for an answer of more than 10 fields. */
	simplify?: SimplifySpec;
}

/**
 * A stats operation: one GET per distinct ID (items with the same ID, or all items when there is
 * no ID, share one answer: /stats has a tight hourly limit), the answer put out as is.
 */
export function statsOperation(spec: StatsSpec): Operation {
	const { idKey, endpoint, read } = spec;
	return {
		description: operationDescription('stats', spec.operation, [
			spec.parameter,
			...(spec.simplify ? outputProperties(spec.simplify) : []),
			requestOptionsCollection,
		]),
		async execute(this: IExecuteFunctions, items: INodeExecutionData[]) {
			return await executePerItem(this, items, {
				reader: (ctx) => (_item, i) =>
					idKey === undefined ? '' : readId(ctx, spec.parameter.name, i),
				shareKey: (id) => id,
				simplify: spec.simplify,
				run: async (transport, id) =>
					idKey === undefined
						? await read(transport, endpoint)
						: { [idKey]: id, ...(await read(transport, endpoint, { [idKey]: id })) },
			});
		},
	};
}
