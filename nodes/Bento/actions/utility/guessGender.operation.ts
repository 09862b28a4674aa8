import {
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
	updateDisplayOptions,
} from 'n8n-workflow';

import { requestOptionsCollection } from '../common.descriptions';
import { executeUtility, experimentalRequest, oneTextInput } from './experimental';

const properties: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Jesse',
		description:
			'A first name. Bento compares it with US census data, so the guess may be biased or "unknown".',
	},
	requestOptionsCollection,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['utility'], operation: ['guessGender'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[][]> {
	return await executeUtility(this, items, {
		reader: oneTextInput('name'),
		run: async (transport, inputs) => {
			const { body } = await transport.request(
				experimentalRequest('POST', '/experimental/gender', inputs),
			);
			// Bento's answer field is `gender` (the official node read `prediction`, which never comes).
			return { name: inputs.name, ...body, gender: body.gender ?? null };
		},
	});
}
