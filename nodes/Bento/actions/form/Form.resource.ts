import type { INodeProperties } from 'n8n-workflow';

import { operationPicker } from '../common.descriptions';
import * as getResponses from './getResponses.operation';

export { getResponses };

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
