import {
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
	NodeOperationError,
} from 'n8n-workflow';

import { outputProperties } from '../../engines/output';
import { executePerItem } from '../../engines/perItem';
import { Invalid } from '../../helpers/invalid';
import { requestOptions } from '../../engines/options';
import { singleName } from '../../helpers/lists';
import { checkEmail } from '../../helpers/validation';
import { emailProperty, operationDescription, optionsCollection } from '../common.descriptions';
import { ifNotFoundOption } from './ifNotFound';
import { subscriberOf, subscriberOutput } from './answer';

type LookUpBy = 'email' | 'uuid';
type IfNotFound = 'returnNothing' | 'error';

const ifNotFound = ifNotFoundOption(
	{
		name: 'Return Nothing',
		value: 'returnNothing',
		description: 'No output item for it; a hint on the node names the items',
	},
	'subscriber with this email or UUID',
);

const properties: INodeProperties[] = [
	{
		displayName: 'By',
		name: 'by',
		type: 'options',
		options: [
			{ name: 'Email', value: 'email', description: 'Look the subscriber up by email address' },
			{ name: 'UUID', value: 'uuid', description: "Look the subscriber up by Bento's UUID" },
		],
		default: 'email',
		description: 'Which identifier to look the subscriber up by',
	},
	emailProperty('Email address of the subscriber to get', { show: { by: ['email'] } }),
	{
		displayName: 'UUID',
		name: 'uuid',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 4f1d6a2e-...',
		description: "Bento's UUID of the subscriber to get",
		displayOptions: { show: { by: ['uuid'] } },
	},
	...outputProperties(subscriberOutput),
	optionsCollection([ifNotFound, ...requestOptions]),
];

export const description = operationDescription('subscriber', 'get', properties);

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[][]> {
	const notFound = this.getNodeParameter('options.ifNotFound', 0, 'returnNothing') as IfNotFound;
	return await executePerItem(this, items, {
		simplify: subscriberOutput,
		reader: (ctx) => (_item, i) => {
			const by = ctx.getNodeParameter('by', i) as LookUpBy;
			const value =
				by === 'uuid'
					? singleName(ctx.getNodeParameter('uuid', i), 'uuid')
					: checkEmail(ctx.getNodeParameter('email', i));
			return value instanceof Invalid ? value : { by, value };
		},
		run: async (transport, { by, value }, itemIndex) => {
			// Bento answers an unknown subscriber with an empty body or `data: null`; a 404 is read alike.
			const { status, body } = await transport.request({
				method: 'GET',
				endpoint: '/fetch/subscribers',
				qs: { [by]: value },
				acceptStatuses: [404],
			});
			const subscriber = status === 404 ? undefined : subscriberOf(body);
			if (subscriber) return subscriber;
			if (notFound === 'error') {
				throw new NodeOperationError(this.getNode(), `No subscriber with ${by} "${value}"`, {
					itemIndex,
					description:
						'Bento has no subscriber with this identifier. Set "If Not Found" to "Return Nothing" to skip such items.',
				});
			}
			return [];
		},
		emptyHint: (indexes) => {
			const shown = indexes.slice(0, 20).join(', ');
			const more = indexes.length > 20 ? ` and ${indexes.length - 20} more` : '';
			return `No subscriber found for ${indexes.length === 1 ? 'item' : 'items'} ${shown}${more}: no output item for them (option "If Not Found")`;
		},
	});
}
