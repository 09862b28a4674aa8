import type { INodeProperties } from 'n8n-workflow';

import * as getAll from './getAll.operation';

export { getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['workflow'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getAll',
				description:
					"List the site's automation workflows with their status (live or draft) and email templates",
				action: 'Get many workflows',
			},
		],
		default: 'getAll',
	},
	...getAll.description,
];
