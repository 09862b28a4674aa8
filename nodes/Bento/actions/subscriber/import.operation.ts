import {
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
	updateDisplayOptions,
} from 'n8n-workflow';

import { executeBatchWrite } from '../../engines/batchWriter';
import type { ItemReader } from '../../engines/readItem';
import type { MappingMode } from '../../helpers/interfaces';
import { type Checked, Invalid } from '../../helpers/invalid';
import { batchOptions } from '../../engines/options';
import { requiredName } from '../../helpers/validation';
import { mappingModeProperties, optionsCollection } from '../common.descriptions';
import { type ImportRecord, RECORD_KEYS, toImportRecord } from './importRecord';
import { fieldLocator, tagLocator } from './pickers';

const options = batchOptions({ noun: 'Subscribers', max: 1000 });

const tagsCollection = (name: string, displayName: string, description: string) =>
	({
		displayName,
		name,
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add tag',
		default: {},
		description,
		options: [
			{
				displayName: 'Tag',
				name: 'values',
				values: [
					tagLocator({
						displayName: 'Tag',
						name: 'tag',
						description: 'A tag name; a name Bento does not know yet creates the tag',
						placeholder: 'e.g. customer',
					}),
				],
			},
		],
		displayOptions: { show: { mappingMode: ['defineBelow'] } },
	}) satisfies INodeProperties;

const properties: INodeProperties[] = [
	{
		displayName:
			'Import adds or updates subscribers without triggering automations. To start automations, use Create Events (e.g. $subscribe) or the Run Command "Add Tag via Event".',
		name: 'importNotice',
		type: 'notice',
		default: '',
	},
	...mappingModeProperties({
		defineBelow: 'Set the email, names, tags and fields of each subscriber with expressions',
		autoMap:
			'Each input item already is a subscriber: email, optionally first_name, last_name, tags, remove_tags, and any other flat key as a custom field',
		notice:
			'Each input item is one subscriber: "email", optionally "first_name", "last_name", "tags" and "remove_tags" (comma-separated names or a list), and every other key a custom field with a flat value.',
	}),
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'name@email.com',
		required: true,
		default: '',
		description: 'Email of the subscriber; Bento creates the subscriber if it does not exist yet',
		displayOptions: { show: { mappingMode: ['defineBelow'] } },
	},
	{
		displayName: 'First Name',
		name: 'firstName',
		type: 'string',
		default: '',
		description: 'Sets first_name; leave empty to keep what Bento has',
		displayOptions: { show: { mappingMode: ['defineBelow'] } },
	},
	{
		displayName: 'Last Name',
		name: 'lastName',
		type: 'string',
		default: '',
		description: 'Sets last_name; leave empty to keep what Bento has',
		displayOptions: { show: { mappingMode: ['defineBelow'] } },
	},
	tagsCollection('tags', 'Tags', 'Tags to add to the subscriber'),
	tagsCollection('removeTags', 'Remove Tags', 'Tags to remove from the subscriber'),
	{
		displayName: 'Custom Fields',
		name: 'customFields',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add field',
		default: {},
		description: "Custom fields written to the subscriber's profile",
		options: [
			{
				displayName: 'Field',
				name: 'values',
				values: [
					fieldLocator({
						displayName: 'Key',
						name: 'key',
						description: "The field's key; a key Bento does not know yet creates the field",
						placeholder: 'e.g. plan',
					}),
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
						description: 'Text, a number or a boolean (from an expression)',
					},
				],
			},
		],
		displayOptions: { show: { mappingMode: ['defineBelow'] } },
	},
	optionsCollection(options),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['subscriber'], operation: ['import'] } },
	properties,
);

/** The names picked in a tags collection (`tags` or `removeTags`) for item `i`. */
function pickedTags(ctx: IExecuteFunctions, name: string, i: number): string[] {
	const entries = ctx.getNodeParameter(`${name}.values`, i, []) as IDataObject[];
	return entries.map(
		(_, k) =>
			ctx.getNodeParameter(`${name}.values[${k}].tag`, i, '', { extractValue: true }) as string,
	);
}

/** The custom fields of item `i` in Define Below mode, keyed as Bento takes them. */
function pickedFields(ctx: IExecuteFunctions, i: number): Checked<IDataObject> {
	const entries = ctx.getNodeParameter('customFields.values', i, []) as IDataObject[];
	const fields: IDataObject = {};
	for (let k = 0; k < entries.length; k++) {
		const key = requiredName(
			ctx.getNodeParameter(`customFields.values[${k}].key`, i, '', { extractValue: true }),
			`customFields[${k}].key`,
		);
		if (key instanceof Invalid) return key;
		if (RECORD_KEYS.has(key)) {
			return new Invalid(
				`customFields[${k}].key`,
				`custom field "${key}" is not a custom field: use its own parameter`,
			);
		}
		fields[key] = entries[k].value as IDataObject[string];
	}
	return fields;
}

function reader(ctx: IExecuteFunctions): ItemReader<ImportRecord> {
	const mode = ctx.getNodeParameter('mappingMode', 0) as MappingMode;
	if (mode === 'autoMapInputData') return (item) => toImportRecord(item.json);
	return (_item, i) => {
		const fields = pickedFields(ctx, i);
		if (fields instanceof Invalid) return fields;
		return toImportRecord({
			email: ctx.getNodeParameter('email', i),
			first_name: ctx.getNodeParameter('firstName', i, ''),
			last_name: ctx.getNodeParameter('lastName', i, ''),
			tags: pickedTags(ctx, 'tags', i),
			remove_tags: pickedTags(ctx, 'removeTags', i),
			...fields,
		} as IDataObject);
	};
}

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[][]> {
	return await executeBatchWrite(this, items, {
		endpoint: '/batch/subscribers',
		bodyKey: 'subscribers',
		recordKey: 'subscriber',
		noun: 'subscribers',
		max: 1000,
		options,
		reader,
	});
}
