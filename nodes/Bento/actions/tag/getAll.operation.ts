import {
	type IExecuteFunctions,
	type INodeExecutionData,
	updateDisplayOptions,
} from 'n8n-workflow';

import { executeList, listProperties } from '../library.common';

export const description = updateDisplayOptions(
	{ show: { resource: ['tag'], operation: ['getAll'] } },
	listProperties,
);

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[][]> {
	// One unpaged answer with every tag.
	return await executeList(this, items, { endpoint: '/fetch/tags', paged: false, noun: 'tags' });
}
