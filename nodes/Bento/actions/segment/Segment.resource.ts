import type { INodeProperties } from 'n8n-workflow';

import { operationPicker } from '../common.descriptions';
import * as get from './get.operation';
import * as getAll from './getAll.operation';

export { get, getAll };

export const description: INodeProperties[] = [
	operationPicker(
		'segment',
		[
			{
				name: 'Get',
				value: 'get',
				description: "Read one segment's name, description and rules",
				action: 'Get a segment',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: "List the site's segments with their names and descriptions",
				action: 'Get many segments',
			},
		],
		'getAll',
	),
	...get.description,
	...getAll.description,
];
