import type { INodeProperties } from 'n8n-workflow';

import { operationPicker } from '../common.descriptions';
import type { OperationsOf } from '../node.type';
import * as get from './get.operation';
import * as getAll from './getAll.operation';

/** This resource's operations by their saved value: the router's entry for it. */
export const operations = { get, getAll } satisfies OperationsOf<'segment'>;

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
