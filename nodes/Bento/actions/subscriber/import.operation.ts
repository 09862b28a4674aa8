import {
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { executeBatchWrite } from '../../engines/batchWriter';
import type { ItemReader } from '../../engines/readItem';
import type { MappingMode } from '../../helpers/interfaces';
import { batchOptions } from '../../engines/options';
import { Invalid } from '../../helpers/invalid';
import {
	emailProperty,
	mappingModeProperties,
	operationDescription,
	optionsCollection,
} from '../common.descriptions';
import { fieldRows, readRows, refuseKeyList } from '../keyValueRows';
import { importItem, type ImportRecord, RECORD_KEYS, toImportRecord } from './importRecord';
import { tagLocator, tagRows } from '../pickers.common';

/** Bento's limit of subscribers per request (POST /batch/subscribers). */
export const MAX_SUBSCRIBERS = 1000;

const options = batchOptions({ noun: 'Subscribers', max: MAX_SUBSCRIBERS });

// Where Bento's rule bites: a name typed By Name that Bento does not know becomes a new tag.
const TAG_HINT = 'A name Bento does not know yet creates the tag: check the spelling';

const tagsCollection = (name: string, displayName: string, description: string, hint?: string) =>
	tagRows({
		displayName,
		name,
		description,
		rowName: 'values',
		tag: tagLocator({
			displayName: 'Tag',
			name: 'tag',
			description: 'A tag name; a name Bento does not know yet creates the tag',
			placeholder: 'e.g. customer',
			hint,
		}),
		displayOptions: { show: { mappingMode: ['defineBelow'] } },
	});

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
	emailProperty('Email of the subscriber; Bento creates the subscriber if it does not exist yet', {
		show: { mappingMode: ['defineBelow'] },
	}),
	{
		displayName: 'First Name',
		name: 'firstName',
		placeholder: 'e.g. Ann',
		type: 'string',
		default: '',
		description: 'Sets first_name; leave empty to keep what Bento has',
		displayOptions: { show: { mappingMode: ['defineBelow'] } },
	},
	{
		displayName: 'Last Name',
		name: 'lastName',
		placeholder: 'e.g. Lee',
		type: 'string',
		default: '',
		description: 'Sets last_name; leave empty to keep what Bento has',
		displayOptions: { show: { mappingMode: ['defineBelow'] } },
	},
	tagsCollection('tags', 'Tags', 'Tags to add to the subscriber', TAG_HINT),
	tagsCollection('removeTags', 'Remove Tags', 'Tags to remove from the subscriber'),
	fieldRows({
		name: 'customFields',
		displayName: 'Custom Fields',
		description: "Custom fields written to the subscriber's profile",
		keyDescription: "The field's key; a key Bento does not know yet creates the field",
		keyPlaceholder: 'e.g. plan',
		valueDescription: 'Text, a number or a boolean (from an expression)',
	}),
	optionsCollection(options),
];

export const description = operationDescription('subscriber', 'import', properties);

/** The names picked in a tags collection (`tags` or `removeTags`) for item `i`. */
function pickedTags(ctx: IExecuteFunctions, name: string, i: number): string[] {
	const entries = ctx.getNodeParameter(`${name}.values`, i, []) as IDataObject[];
	return entries.map(
		(_, k) =>
			ctx.getNodeParameter(`${name}.values[${k}].tag`, i, '', { extractValue: true }) as string,
	);
}

/** Import's own keys (email, names, tags) have their own parameters, not custom field rows. */
function refuseRecordKey(key: string, field: string): Invalid | undefined {
	if (!RECORD_KEYS.has(key)) return undefined;
	return new Invalid(field, `custom field "${key}" is not a custom field: use its own parameter`);
}

function reader(ctx: IExecuteFunctions): ItemReader<ImportRecord> {
	const mode = ctx.getNodeParameter('mappingMode', 0) as MappingMode;
	if (mode === 'autoMapInputData') return (item) => importItem(item.json);
	return (_item, i) => {
		const fields = readRows(
			ctx,
			'customFields',
			i,
			(key, field) => refuseRecordKey(key, field) ?? refuseKeyList(key, field),
		);
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
		max: MAX_SUBSCRIBERS,
		options,
		reader,
	});
}
