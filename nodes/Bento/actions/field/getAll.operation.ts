import {
	type IExecuteFunctions,
	type INodeExecutionData,
	updateDisplayOptions,
} from 'n8n-workflow';

import { executeList, listProperties } from '../library.common';

export const description = updateDisplayOptions(
	{ show: { resource: ['field'], operation: ['getAll'] } },
	listProperties,
);

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[][]> {
	// One unpaged answer with every field.
	return await executeList(this, items, {
		endpoint: '/fetch/fields',
		paged: false,
		noun: 'fields',
	});
}
