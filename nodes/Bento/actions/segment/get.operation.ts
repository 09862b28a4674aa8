import {
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
	updateDisplayOptions,
} from 'n8n-workflow';

import { executePerItem } from '../../engines/perItem';
import { locator, readId, requestEntry, requestOptionsCollection } from '../library.common';

const properties: INodeProperties[] = [
	locator({
		displayName: 'Segment',
		name: 'segmentId',
		noun: 'segment',
		searchListMethod: 'searchSegments',
		placeholder: 'e.g. 123',
		description: 'The segment to read: its name, description and rules',
	}),
	requestOptionsCollection,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['segment'], operation: ['get'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[][]> {
	return await executePerItem(this, items, {
		reader: (ctx) => (_item, i) => readId(ctx, 'segmentId', i),
		shareKey: (id) => id,
		run: async (transport, id) =>
			await requestEntry(
				this,
				transport,
				{ method: 'GET', endpoint: `/fetch/segments/${encodeURIComponent(id)}` },
				`no segment with ID "${id}"`,
			),
	});
}
