import type { INodeProperties } from 'n8n-workflow';

import { operationPicker } from '../common.descriptions';
import * as create from './create.operation';
import * as deleteTag from './delete.operation';
import * as getAll from './getAll.operation';

// `delete` is a reserved word: the router maps the operation value `delete` to deleteTag.
export { create, deleteTag, getAll };

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
