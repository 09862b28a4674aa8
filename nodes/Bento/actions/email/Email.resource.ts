import type { INodeProperties } from 'n8n-workflow';

import * as send from './send.operation';

export { send };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['email'] } },
		options: [
			{
				name: 'Send Emails',
				value: 'send',
				description: `Send emails through Bento, up to ${send.MAX_EMAILS} per request; one Bento may already have taken is never resent`,
				action: 'Send emails',
			},
		],
		default: 'send',
	},
	...send.description,
];
