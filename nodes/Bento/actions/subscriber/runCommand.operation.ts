import {
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { executeBatchWrite } from '../../engines/batchWriter';
import type { ItemReader } from '../../engines/readItem';
import type { MappingMode } from '../../helpers/interfaces';
import { Invalid } from '../../helpers/invalid';
import {
	emailProperty,
	mappingModeProperties,
	operationDescription,
	optionsCollection,
} from '../common.descriptions';
import { batchOptions } from '../../engines/options';
import { type BentoCommand, COMMAND_NAMES, toCommand } from './commands';
import { fieldLocator, tagLocator } from '../pickers.common';

// Bento's older docs cap a command request at 100; no source gives a firmer number.
export const MAX_COMMANDS = 100;

const options = batchOptions({ noun: 'Commands', max: MAX_COMMANDS });

const defineBelow = (command: string[]) => ({
	show: { mappingMode: ['defineBelow'], command },
});

const properties: INodeProperties[] = [
	{
		displayName:
			'Commands change subscribers without triggering automations, except "Add Tag via Event", which records a tag event that automations can start on.',
		name: 'commandNotice',
		type: 'notice',
		default: '',
	},
	...mappingModeProperties({
		defineBelow: 'Choose the command and set its email and value with expressions',
		autoMap: `Each input item already is a command: {command, email, query}, command one of ${COMMAND_NAMES.join(', ')}`,
		notice:
			'Each input item must hold only "command", "email" and, where the command needs one, "query": a tag name (add_tag, add_tag_via_event, remove_tag), a field key (remove_field), {"key", "value"} (add_field) or the new email (change_email).',
	}),
	{
		displayName: 'Command',
		name: 'command',
		type: 'options',
		options: [
			{ name: 'Add Field', value: 'add_field', description: 'Set a custom field to a value' },
			{ name: 'Add Tag', value: 'add_tag', description: 'Tag the subscriber' },
			{
				name: 'Add Tag via Event',
				value: 'add_tag_via_event',
				description: 'Tag the subscriber through an event, which can trigger automations',
			},
			{
				name: 'Change Email',
				value: 'change_email',
				description: "Change the subscriber's email address",
			},
			{ name: 'Remove Field', value: 'remove_field', description: 'Remove a custom field' },
			{ name: 'Remove Tag', value: 'remove_tag', description: 'Remove a tag' },
			{ name: 'Subscribe', value: 'subscribe', description: 'Subscribe the subscriber again' },
			{ name: 'Unsubscribe', value: 'unsubscribe', description: 'Unsubscribe the subscriber' },
		],
		default: 'add_tag',
		description: 'What to do to the subscriber',
		displayOptions: { show: { mappingMode: ['defineBelow'] } },
	},
	emailProperty('Email of the subscriber the command applies to (for Change Email: the old one)', {
		show: { mappingMode: ['defineBelow'] },
	}),
	{
		...tagLocator({
			displayName: 'Tag',
			name: 'tag',
			description:
				'The tag to add or remove. Several separated by commas (vip, customer) send one command each.',
			placeholder: 'e.g. customer',
		}),
		hint: 'Adding a tag Bento does not know yet creates it: check the spelling',
		displayOptions: defineBelow(['add_tag', 'add_tag_via_event', 'remove_tag']),
	},
	{
		...fieldLocator({
			displayName: 'Field Key',
			name: 'fieldKey',
			description:
				'The custom field to set or remove. To remove several, separate them by commas (one command each).',
			placeholder: 'e.g. plan',
		}),
		hint: 'Setting a field Bento does not know yet creates it. Values must be flat: text, a number or a boolean.',
		displayOptions: defineBelow(['add_field', 'remove_field']),
	},
	{
		displayName: 'Field Value',
		name: 'fieldValue',
		placeholder: 'e.g. pro',
		type: 'string',
		default: '',
		description: 'The value to set: text, or a number or boolean from an expression',
		displayOptions: defineBelow(['add_field']),
	},
	{
		displayName: 'New Email',
		name: 'newEmail',
		type: 'string',
		placeholder: 'name@email.com',
		required: true,
		default: '',
		description: 'The address the subscriber gets instead of Email',
		displayOptions: defineBelow(['change_email']),
	},
	optionsCollection(options),
];

export const description = operationDescription('subscriber', 'runCommand', properties);

const TAG_COMMANDS = new Set(['add_tag', 'add_tag_via_event', 'remove_tag']);

/** The Define Below parameter that holds what Bento calls `query`, to name it in errors. */
function queryParameter(command: string, field: string): string {
	if (TAG_COMMANDS.has(command)) return 'tag';
	if (command === 'change_email') return 'newEmail';
	return field === 'query.value' ? 'fieldValue' : 'fieldKey';
}

function readQuery(ctx: IExecuteFunctions, command: string, i: number): unknown {
	const picked = (name: string) => ctx.getNodeParameter(name, i, '', { extractValue: true });
	if (TAG_COMMANDS.has(command)) return picked('tag');
	if (command === 'remove_field') return picked('fieldKey');
	if (command === 'add_field')
		return { key: picked('fieldKey'), value: ctx.getNodeParameter('fieldValue', i, '') };
	if (command === 'change_email') return ctx.getNodeParameter('newEmail', i);
	return undefined;
}

function reader(ctx: IExecuteFunctions): ItemReader<BentoCommand | BentoCommand[]> {
	const mode = ctx.getNodeParameter('mappingMode', 0) as MappingMode;
	if (mode === 'autoMapInputData') return (item) => toCommand(item.json);
	return (_item, i) => {
		const command = ctx.getNodeParameter('command', i) as string;
		const email = ctx.getNodeParameter('email', i);
		const checked = toCommand({ command, email, query: readQuery(ctx, command, i) } as IDataObject);
		if (!(checked instanceof Invalid) || !checked.field.startsWith('query')) return checked;
		const parameter = queryParameter(command, checked.field);
		return new Invalid(parameter, checked.message.replace(/^query(\.\w+)?/, parameter));
	};
}

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[][]> {
	return await executeBatchWrite(this, items, {
		endpoint: '/fetch/commands',
		bodyKey: 'command',
		recordKey: 'command',
		noun: 'commands',
		max: MAX_COMMANDS,
		options,
		reader,
	});
}
