import {
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
	updateDisplayOptions,
} from 'n8n-workflow';

import { requestOptionsCollection } from '../common.descriptions';
import { requiredVerbatim } from '../library.common';
import { executeUtility, experimentalRequest, oneTextInput } from './experimental';

const properties: INodeProperties[] = [
	{
		displayName: 'Content',
		name: 'content',
		placeholder: 'e.g. Thanks, the delivery was quick!',
		type: 'string',
		required: true,
		default: '',
		typeOptions: { rows: 4 },
		description:
			'The text to check for profanity and abuse, e.g. a comment or a form answer; sent as given',
	},
	requestOptionsCollection,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['utility'], operation: ['moderateContent'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[][]> {
	return await executeUtility(this, items, {
		reader: oneTextInput('content', requiredVerbatim),
		run: async (transport, inputs) =>
			(
				await transport.request(
					experimentalRequest('POST', '/experimental/content_moderation', inputs),
				)
			).body,
	});
}
