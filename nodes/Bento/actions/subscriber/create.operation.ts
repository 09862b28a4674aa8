import {
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { outputProperties } from '../../engines/output';
import { executePerItem } from '../../engines/perItem';
import { Invalid } from '../../helpers/invalid';
import { checkEmail } from '../../helpers/validation';
import {
	emailProperty,
	operationDescription,
	writeOptionsCollection,
} from '../common.descriptions';
import { subscriberOf, subscriberOutput } from './answer';
import { MAX_SUBSCRIBERS } from './import.operation';

const properties: INodeProperties[] = [
	{
		displayName: `Creates one subscriber per item, one request each. To add or update many subscribers with names, tags and fields, use Import Subscribers (up to ${MAX_SUBSCRIBERS} per request).`,
		name: 'createNotice',
		type: 'notice',
		default: '',
	},
	emailProperty('Email address of the subscriber to create'),
	...outputProperties(subscriberOutput),
	writeOptionsCollection,
];

export const description = operationDescription('subscriber', 'create', properties);

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[][]> {
	return await executePerItem(this, items, {
		simplify: subscriberOutput,
		reader: (ctx) => (_item, i) => {
			const email = checkEmail(ctx.getNodeParameter('email', i));
			return email instanceof Invalid ? email : { email };
		},
		run: async (transport, { email }, i) => {
			const request = { subscriber: { email } };
			const { body } = await transport.post('/fetch/subscribers', request, { items: [i] });
			return subscriberOf(body) ?? { email };
		},
	});
}
