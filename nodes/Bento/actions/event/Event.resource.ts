import type { INodeProperties } from 'n8n-workflow';

import { MAX_EVENTS, operationPicker } from '../common.descriptions';
import * as create from './create.operation';

export { create };

export const description: INodeProperties[] = [
	operationPicker(
		'event',
		[
			{
				name: 'Create Events',
				value: 'create',
				description: `Send items to Bento as events, up to ${MAX_EVENTS} per request`,
				action: 'Create events',
			},
		],
		'create',
	),
	...create.description,
];
