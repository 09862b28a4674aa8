import type { INodeProperties } from 'n8n-workflow';

import { MAX_EVENTS, operationPicker } from '../common.descriptions';
import type { OperationsOf } from '../node.type';
import * as create from './create.operation';

/** This resource's operations by their saved value: the router's entry for it. */
export const operations = { create } satisfies OperationsOf<'event'>;

export const description: INodeProperties[] = [
	operationPicker(
		'event',
		[
			{
				name: 'Create Events',
				value: 'create',
				description: `Send items to Bento as events, up to ${MAX_EVENTS} per request`,
				action: 'Create events',
			},
		],
		'create',
	),
	...create.description,
];
