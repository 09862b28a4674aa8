import type { INodeProperties } from 'n8n-workflow';

import { operationPicker } from '../common.descriptions';
import * as create from './create.operation';
import * as getAll from './getAll.operation';

export { create, getAll };

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
