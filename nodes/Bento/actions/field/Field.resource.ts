import type { INodeProperties } from 'n8n-workflow';

import { operationPicker } from '../common.descriptions';
import type { OperationsOf } from '../node.type';
import * as create from './create.operation';
import * as getAll from './getAll.operation';

/** This resource's operations by their saved value: the router's entry for it. */
export const operations = { create, getAll } satisfies OperationsOf<'field'>;

export const description: INodeProperties[] = [
	operationPicker(
		'field',
		[
			{
				name: 'Create',
				value: 'create',
				description: 'Create a custom field',
				action: 'Create a field',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: "List the site's custom fields",
				action: 'Get many fields',
			},
		],
		'getAll',
	),
	...create.description,
	...getAll.description,
];
