import type { INodeProperties } from 'n8n-workflow';

import * as getResponses from './getResponses.operation';

export { getResponses };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['form'] } },
		options: [
			{
				name: 'Get Responses',
				value: 'getResponses',
				description: "List a form's responses, one item each, with the submitted data",
				action: 'Get form responses',
			},
		],
		default: 'getResponses',
	},
	...getResponses.description,
];
