import type { INodeProperties } from 'n8n-workflow';

import { operationPicker } from '../common.descriptions';
import type { OperationsOf } from '../node.type';
import * as send from './send.operation';

/** This resource's operations by their saved value: the router's entry for it. */
export const operations = { send } satisfies OperationsOf<'email'>;

export const description: INodeProperties[] = [
	operationPicker(
		'email',
		[
			{
				name: 'Send Emails',
				value: 'send',
				description: `Send emails through Bento, up to ${send.MAX_EMAILS} per request; one Bento may already have taken is never resent`,
				action: 'Send emails',
			},
		],
		'send',
	),
	...send.description,
];
