import {
	type IExecuteFunctions,
	type INodeExecutionData,
	updateDisplayOptions,
} from 'n8n-workflow';

import { executeGetAll, getAllProperties } from '../../helpers/entryOperations';

export const description = updateDisplayOptions(
	{ show: { resource: ['tag'], operation: ['getAll'] } },
	getAllProperties,
);

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[][]> {
	return await executeGetAll(this, items, '/fetch/tags');
}
