import {
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
	updateDisplayOptions,
} from 'n8n-workflow';

import { executePerItem } from '../../engines/perItem';
import { requestOptionsCollection } from '../common.descriptions';
import { locator, readId } from '../library.common';
import { readCounts } from './readStats';

const properties: INodeProperties[] = [
	locator({
		displayName: 'Segment',
		name: 'segmentId',
		noun: 'segment',
		searchListMethod: 'searchSegments',
		placeholder: 'e.g. 123',
		description:
			'The segment whose subscriber counts to read. Items with the same segment share one request.',
	}),
	requestOptionsCollection,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['stats'], operation: ['getSegment'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[][]> {
	return await executePerItem(this, items, {
		reader: (ctx) => (_item, i) => readId(ctx, 'segmentId', i),
		shareKey: (segmentId) => segmentId,
		run: async (transport, segmentId) => ({
			segment_id: segmentId,
			...(await readCounts(transport, '/stats/segment', { segment_id: segmentId })),
		}),
	});
}
