import type { INodeProperties } from 'n8n-workflow';

import { operationPicker } from '../common.descriptions';
import type { OperationsOf } from '../node.type';
import * as create from './create.operation';
import * as getAll from './getAll.operation';

/** This resource's operations by their saved value: the router's entry for it. */
export const operations = { create, getAll } satisfies OperationsOf<'broadcast'>;

export const description: INodeProperties[] = [
	operationPicker(
		'broadcast',
		[
			{
				name: 'Create Broadcasts',
				value: 'create',
				description: `Create broadcasts in Bento as drafts, up to ${create.MAX_BROADCASTS} per request`,
				action: 'Create broadcasts',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List broadcasts of one status, page by page',
				action: 'Get many broadcasts',
			},
		],
		'create',
	),
	...create.description,
	...getAll.description,
];
