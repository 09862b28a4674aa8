import type { INodeProperties } from 'n8n-workflow';

import { MAX_EVENTS } from '../common.descriptions';
import * as create from './create.operation';

export { create };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['event'] } },
		options: [
			{
				name: 'Create Events',
				value: 'create',
				description: `Send items to Bento as events, up to ${MAX_EVENTS} per request`,
				action: 'Create events',
			},
		],
		default: 'create',
	},
	...create.description,
];
