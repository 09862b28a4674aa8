import {
	type IExecuteFunctions,
	type INodeExecutionData,
	updateDisplayOptions,
} from 'n8n-workflow';

import { executeList, listProperties } from '../library.common';

export const description = updateDisplayOptions(
	{ show: { resource: ['workflow'], operation: ['getAll'] } },
	listProperties,
);

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[][]> {
	return await executeList(this, items, {
		endpoint: '/fetch/workflows',
		paged: true,
		noun: 'workflows',
	});
}
