import type { INodeProperties } from 'n8n-workflow';

import { operationPicker } from '../common.descriptions';
import type { OperationsOf } from '../node.type';
import * as get from './get.operation';
import * as update from './update.operation';

/** This resource's operations by their saved value: the router's entry for it. */
export const operations = { get, update } satisfies OperationsOf<'emailTemplate'>;

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
