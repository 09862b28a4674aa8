import {
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
	updateDisplayOptions,
} from 'n8n-workflow';

import { requestOptionsCollection } from '../common.descriptions';
import { executeGetEntry } from '../library.common';
import { templateLocator } from './templateLocator';

const properties: INodeProperties[] = [templateLocator, requestOptionsCollection];

export const description = updateDisplayOptions(
	{ show: { resource: ['emailTemplate'], operation: ['get'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[][]> {
	return await executeGetEntry(this, items, {
		parameter: 'templateId',
		endpoint: '/fetch/emails/templates',
		noun: 'email template',
	});
}
