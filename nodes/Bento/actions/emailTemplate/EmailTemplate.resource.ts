import type { INodeProperties } from 'n8n-workflow';

import { operationPicker } from '../common.descriptions';
import * as get from './get.operation';
import * as update from './update.operation';

export { get, update };

export const description: INodeProperties[] = [
	operationPicker(
		'emailTemplate',
		[
			{
				name: 'Get',
				value: 'get',
				description: "Read an email template's name, subject, HTML and stats",
				action: 'Get an email template',
			},
			{
				name: 'Update',
				value: 'update',
				description: "Change an email template's subject and/or HTML; nothing else is touched",
				action: 'Update an email template',
			},
		],
		'get',
	),
	...get.description,
	...update.description,
];
