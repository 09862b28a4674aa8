import {
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
	updateDisplayOptions,
} from 'n8n-workflow';

import { executePerItem } from '../../engines/perItem';
import { requestOptionsCollection } from '../common.descriptions';
import { readId } from '../library.common';
import { readStats } from './readStats';

const properties: INodeProperties[] = [
	{
		displayName: 'Report ID',
		name: 'reportId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 456',
		description:
			"The report's ID, from the report's address in Bento (Bento's API has no list of reports). Items with the same ID share one request.",
	},
	requestOptionsCollection,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['stats'], operation: ['getReport'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[][]> {
	return await executePerItem(this, items, {
		reader: (ctx) => (_item, i) => readId(ctx, 'reportId', i),
		shareKey: (reportId) => reportId,
		run: async (transport, reportId) => ({
			report_id: reportId,
			...(await readStats(transport, '/stats/report', { report_id: reportId })),
		}),
	});
}
