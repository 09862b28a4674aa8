import {
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
	updateDisplayOptions,
} from 'n8n-workflow';

import { executeCreateEntry } from '../entry.common';
import { requestOptionsCollection } from '../common.descriptions';

const properties: INodeProperties[] = [
	{
		displayName: 'Key',
		name: 'key',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. plan',
		description:
			'Key of the custom field to create, as imports and events name it (e.g. plan, company_name)',
	},
	requestOptionsCollection,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['field'], operation: ['create'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[][]> {
	return await executeCreateEntry(this, items, {
		endpoint: '/fetch/fields',
		wrapper: 'field',
		key: 'key',
	});
}
