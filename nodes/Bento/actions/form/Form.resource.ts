import type { INodeProperties } from 'n8n-workflow';

import { operationPicker } from '../common.descriptions';
import type { OperationsOf } from '../node.type';
import * as getResponses from './getResponses.operation';

/** This resource's operations by their saved value: the router's entry for it. */
export const operations = { getResponses } satisfies OperationsOf<'form'>;

export const description: INodeProperties[] = [
	operationPicker(
		'form',
		[
			{
				name: 'Get Responses',
				value: 'getResponses',
				description: "List a form's responses, one item each, with the submitted data",
				action: 'Get form responses',
			},
		],
		'getResponses',
	),
	...getResponses.description,
];
