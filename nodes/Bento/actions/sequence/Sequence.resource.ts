import type { INodeProperties } from 'n8n-workflow';

import * as addEmail from './addEmail.operation';
import * as getAll from './getAll.operation';

export { addEmail, getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['sequence'] } },
		options: [
			{
				name: 'Add Email',
				value: 'addEmail',
				description: 'Add a new email (subject and HTML) to a sequence',
				action: 'Add an email to a sequence',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: "List the site's sequences with their emails' IDs, subjects and stats",
				action: 'Get many sequences',
			},
		],
		default: 'getAll',
	},
	...addEmail.description,
	...getAll.description,
];
