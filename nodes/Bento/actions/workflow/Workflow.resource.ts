import type { INodeProperties } from 'n8n-workflow';

import { operationPicker } from '../common.descriptions';
import * as getAll from './getAll.operation';

export { getAll };

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
