import type { INodeProperties } from 'n8n-workflow';

import { operationPicker } from '../common.descriptions';
import type { OperationsOf } from '../node.type';
import * as addEmail from './addEmail.operation';
import * as getAll from './getAll.operation';

/** This resource's operations by their saved value: the router's entry for it. */
export const operations = { addEmail, getAll } satisfies OperationsOf<'sequence'>;

export const description: INodeProperties[] = [
	operationPicker(
		'sequence',
		[
			{
				name: 'Add Email',
				value: 'addEmail',
				description: 'Add a new email (subject and HTML) to a sequence',
				action: 'Add an email to a sequence',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: "List the site's sequences with their emails' IDs, subjects and stats",
				action: 'Get many sequences',
			},
		],
		'getAll',
	),
	...addEmail.description,
	...getAll.description,
];
