import {
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
	updateDisplayOptions,
} from 'n8n-workflow';

import { executePerItem } from '../../engines/perItem';
import { readId, requestEntry, requestOptionsCollection } from '../library.common';
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
	return await executePerItem(this, items, {
		reader: (ctx) => (_item, i) => readId(ctx, 'templateId', i),
		shareKey: (id) => id,
		run: async (transport, id) =>
			await requestEntry(
				this,
				transport,
				{ method: 'GET', endpoint: `/fetch/emails/templates/${encodeURIComponent(id)}` },
				`no email template with ID "${id}"`,
			),
	});
}
