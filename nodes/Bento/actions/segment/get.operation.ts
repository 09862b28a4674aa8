import {
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
	updateDisplayOptions,
} from 'n8n-workflow';

import { requestOptionsCollection } from '../common.descriptions';
import { executeGetEntry, locator } from '../library.common';

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
	return await executeGetEntry(this, items, {
		parameter: 'segmentId',
		endpoint: '/fetch/segments',
		noun: 'segment',
	});
}
