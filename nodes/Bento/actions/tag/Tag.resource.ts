import type { INodeProperties } from 'n8n-workflow';

import { operationPicker } from '../common.descriptions';
import type { OperationsOf } from '../node.type';
import * as create from './create.operation';
import * as deleteTag from './delete.operation';
import * as getAll from './getAll.operation';

// `delete` is a reserved word: the module is deleteTag, the operation value `delete`.
/** This resource's operations by their saved value: the router's entry for it. */
export const operations = { create, delete: deleteTag, getAll } satisfies OperationsOf<'tag'>;

export const description: INodeProperties[] = [
	operationPicker(
		'tag',
		[
			{
				name: 'Create',
				value: 'create',
				description: 'Create a tag',
				action: 'Create a tag',
			},
			{
				name: 'Delete',
				value: 'delete',
				description: 'Delete a tag (from the list, by name or by ID); one already gone is no error',
				action: 'Delete a tag',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: "List the site's tags",
				action: 'Get many tags',
			},
		],
		'getAll',
	),
	...create.description,
	...deleteTag.description,
	...getAll.description,
];
