import {
	type IExecuteFunctions,
	type INodeExecutionData,
	updateDisplayOptions,
} from 'n8n-workflow';

import { executeList, listProperties } from '../library.common';

export const description = updateDisplayOptions(
	{ show: { resource: ['segment'], operation: ['getAll'] } },
	listProperties,
);

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[][]> {
	return await executeList(this, items, {
		endpoint: '/fetch/segments',
		// Not documented as paged: asking for `page` costs at most one extra request (the reader
		// stops when a page repeats), where not asking would silently cut a paged list short.
		paged: true,
		noun: 'segments',
	});
}
