import type { INodeProperties } from 'n8n-workflow';

import { operationPicker } from '../common.descriptions';
import type { OperationsOf } from '../node.type';
import * as create from './create.operation';
import * as deletePersonalData from './deletePersonalData.operation';
import * as get from './get.operation';
import * as importSubscribers from './import.operation';
import * as runCommand from './runCommand.operation';
import * as search from './search.operation';

// `import` is a reserved word: the module is importSubscribers, the operation value `import`.
/** This resource's operations by their saved value: the router's entry for it. */
export const operations = {
	create,
	deletePersonalData,
	get,
	import: importSubscribers,
	runCommand,
	search,
} satisfies OperationsOf<'subscriber'>;

export const description: INodeProperties[] = [
	operationPicker(
		'subscriber',
		[
			{
				name: 'Create',
				value: 'create',
				description: 'Create one subscriber per item (one request each)',
				action: 'Create a subscriber',
			},
			{
				name: 'Delete Personal Data',
				value: 'deletePersonalData',
				description:
					"Ask Bento to erase a person's data (irreversible; 1,000 a day). Warning: as an AI Agent tool, an agent could erase anyone whose email it is given: use a fixed email or a human approval step.",
				action: 'Delete personal data of a subscriber',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Look a subscriber up by email or UUID',
				action: 'Get a subscriber',
			},
			{
				name: 'Import',
				value: 'import',
				description: `Add or update subscribers with names, tags and fields, up to ${importSubscribers.MAX_SUBSCRIBERS} per request, without triggering automations`,
				action: 'Import subscribers',
			},
			{
				name: 'Run Command',
				value: 'runCommand',
				description:
					'Tag, untag, set or remove fields, subscribe, unsubscribe or change emails, in batches',
				action: 'Run subscriber commands',
			},
			{
				name: 'Search',
				value: 'search',
				description:
					'Find subscribers by when they were created, updated, last active or unsubscribed (Bento Enterprise accounts only)',
				action: 'Search subscribers',
			},
		],
		'import',
	),
	...create.description,
	...deletePersonalData.description,
	...get.description,
	...importSubscribers.description,
	...runCommand.description,
	...search.description,
];
