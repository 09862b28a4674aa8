import {
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
	updateDisplayOptions,
} from 'n8n-workflow';

import { executePerItem } from '../../engines/perItem';
import { requestOptionsCollection } from '../common.descriptions';
import { readCounts } from './readStats';

const properties: INodeProperties[] = [
	{
		displayName:
			'Site stats are read once per execution, however many items come in: every item gets the same counts.',
		name: 'siteStatsNotice',
		type: 'notice',
		default: '',
	},
	requestOptionsCollection,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['stats'], operation: ['getSite'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[][]> {
	return await executePerItem(this, items, {
		reader: () => () => ({}),
		// The answer cannot differ per item: one request per execution spares the hourly limit.
		shareKey: () => 'site',
		run: async (transport) => await readCounts(transport, '/stats/site'),
	});
}
