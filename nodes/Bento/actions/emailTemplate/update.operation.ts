import {
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { executePerItem } from '../../engines/perItem';
import { type Checked, Invalid } from '../../helpers/invalid';
import { requiredText } from '../../helpers/validation';
import { operationDescription, writeOptionsCollection } from '../common.descriptions';
import { readId, requestEntry, requiredVerbatim } from '../library.common';
import { templateLocator } from './templateLocator';

const properties: INodeProperties[] = [
	templateLocator,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add field',
		default: {},
		description: 'Only the fields added here are changed; the others stay as they are',
		options: [
			{
				displayName: 'HTML',
				name: 'html',
				type: 'string',
				default: '',
				typeOptions: { rows: 6 },
				description: 'The new HTML body, sent exactly as given',
			},
			{
				displayName: 'Subject',
				name: 'subject',
				type: 'string',
				default: '',
				description: 'The new subject line',
			},
		],
	},
	writeOptionsCollection,
];

export const description = operationDescription('emailTemplate', 'update', properties);

interface Change {
	id: string;
	changes: IDataObject;
}

function readChange(ctx: IExecuteFunctions, i: number): Checked<Change> {
	const id = readId(ctx, 'templateId', i);
	if (id instanceof Invalid) return id;
	const fields = ctx.getNodeParameter('updateFields', i, {}) as IDataObject;
	const changes: IDataObject = {};
	if ('subject' in fields) {
		const subject = requiredText(fields.subject, 'subject');
		if (subject instanceof Invalid) return subject;
		changes.subject = subject;
	}
	if ('html' in fields) {
		const html = requiredVerbatim(fields.html, 'html');
		if (html instanceof Invalid) return html;
		changes.html = html;
	}
	if (Object.keys(changes).length === 0)
		return new Invalid('updateFields', 'nothing to update: add Subject and/or HTML');
	return { id, changes };
}

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[][]> {
	return await executePerItem(this, items, {
		reader: (ctx) => (_item, i) => readChange(ctx, i),
		run: async (transport, { id, changes }, i) =>
			await requestEntry(
				this,
				transport,
				{
					method: 'PATCH',
					items: [i],
					endpoint: `/fetch/emails/templates/${encodeURIComponent(id)}`,
					body: { email_template: changes },
				},
				`no email template with ID "${id}"`,
			),
	});
}
