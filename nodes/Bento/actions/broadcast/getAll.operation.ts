import {
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { listParameters, readList, type ListSpec } from '../../engines/pagedReader';
import { executePerItem } from '../../engines/perItem';
import { flattenEntry } from '../../helpers/flatten';
import { Invalid } from '../../helpers/invalid';
import {
	operationDescription,
	requestOptionsCollection,
	returnAllOrLimit,
} from '../common.descriptions';

const STATUSES = ['canceled', 'draft', 'paused', 'scheduled', 'sending', 'sent'];

const properties: INodeProperties[] = [
	{
		displayName: 'Status',
		name: 'status',
		type: 'options',
		options: STATUSES.map((value) => ({
			name: value[0].toUpperCase() + value.slice(1),
			value,
		})),
		default: 'sent',
		description:
			'Which broadcasts to list. Bento lists one status at a time; asked for none (or an unknown one) it lists sent broadcasts, so the node always names one.',
	},
	...returnAllOrLimit,
	requestOptionsCollection,
];

export const description = operationDescription('broadcast', 'getAll', properties);

type Params = Pick<ListSpec, 'returnAll' | 'limit'> & { status: string };

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[][]> {
	return await executePerItem<Params>(this, items, {
		reader: (ctx) => (_item, i) => {
			const status = ctx.getNodeParameter('status', i) as string;
			if (!STATUSES.includes(status))
				return new Invalid(
					'status',
					`status must be one of ${STATUSES.join(', ')} (got "${status}")`,
				);
			return { status, ...listParameters(ctx, i) };
		},
		run: async (transport, { status, returnAll, limit }) =>
			await readList(transport, {
				endpoint: '/fetch/broadcasts',
				qs: { status },
				paged: true,
				returnAll,
				limit,
				map: flattenEntry,
			}),
		emptyHint: (indexes) => `No broadcasts with this status for item(s) ${indexes.join(', ')}`,
	});
}
