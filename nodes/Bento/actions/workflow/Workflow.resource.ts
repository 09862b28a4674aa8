import type { INodeProperties } from 'n8n-workflow';

import { operationPicker } from '../common.descriptions';
import type { OperationsOf } from '../node.type';
import * as getAll from './getAll.operation';

/** This resource's operations by their saved value: the router's entry for it. */
export const operations = { getAll } satisfies OperationsOf<'workflow'>;

export const description: INodeProperties[] = [
	operationPicker(
		'workflow',
		[
			{
				name: 'Get Many',
				value: 'getAll',
				description:
					"List the site's automation workflows with their status (live or draft) and email templates",
				action: 'Get many workflows',
			},
		],
		'getAll',
	),
	...getAll.description,
];
