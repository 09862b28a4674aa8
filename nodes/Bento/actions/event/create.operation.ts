import {
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { executeBatchWrite } from '../../engines/batchWriter';
import type { ItemReader } from '../../engines/readItem';
import type { MappingMode } from '../../helpers/interfaces';
import { type Checked, Invalid } from '../../helpers/invalid';
import { cleanEnds } from '../../helpers/identifiers';
import { VERSION_1_ZONE } from '../../helpers/date';
import { mergeDetails } from '../../helpers/purchase';
import { optionalObject, parseObjectValue } from '../../helpers/validation';
import {
	deliveryOptions,
	emailProperty,
	mappingModeProperties,
	MAX_EVENTS,
	operationDescription,
	optionsCollection,
} from '../common.descriptions';
import { fieldRows, keyValueRows, readRows, refuseKeyList } from '../keyValueRows';
import { purchaseProperty, readPurchase } from './purchase';
import {
	type BentoEvent,
	checkEventKeys,
	type EventInput,
	toBentoEvent,
	withUniqueKey,
} from './toBentoEvent';

const SYSTEM_EVENTS =
	'$purchase, $subscribe, $unsubscribe, $tag, $remove_tag, $update_fields, $completed_onboarding';

const properties: INodeProperties[] = [
	...mappingModeProperties({
		defineBelow: 'Set the event type, email and data for each item, with expressions',
		autoMap:
			'Each input item already is an event: type, email, and optionally fields, details and date',
		notice:
			'Each input item must hold only "type", "email" and optionally "fields", "details" and "date". Any other key is an error for that item.',
	}),
	{
		displayName: 'Event Type',
		name: 'eventType',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. $purchase or signed_up',
		description: `The event name. Any name is a custom event; Bento's own start with $: ${SYSTEM_EVENTS}.`,
		hint: `Bento's system events: ${SYSTEM_EVENTS}`,
		displayOptions: { show: { mappingMode: ['defineBelow'] } },
	},
	emailProperty('Email of the subscriber; Bento creates the subscriber if it does not exist yet', {
		show: { mappingMode: ['defineBelow'] },
	}),
	fieldRows({
		name: 'fieldRows',
		displayName: 'Fields',
		description:
			"Profile fields written to the subscriber: pick a field's key, drag its value from the input",
		keyDescription:
			"The field's key, e.g. first_name; a key Bento does not know yet creates the field",
		keyPlaceholder: 'e.g. first_name',
		valueDescription: 'Text, a number or a boolean; drag it from the input panel',
	}),
	{
		displayName: 'Fields (JSON)',
		name: 'fields',
		type: 'json',
		default: '{}',
		description:
			'Flat object of profile fields written to the subscriber, e.g. {"first_name": "Ari"}. Values must be text, numbers or booleans. The Fields rows above are added to it; a key in both takes the row\'s value.',
		displayOptions: { show: { mappingMode: ['defineBelow'] } },
	},
	purchaseProperty,
	keyValueRows({
		name: 'detailRows',
		displayName: 'Details',
		description:
			'Flat event details, one per row, e.g. plan = pro. Nested details go in Details (JSON).',
		placeholder: 'Add detail',
		key: {
			displayName: 'Key',
			name: 'key',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. plan',
			description: 'The key under details',
		},
		valueDescription: 'The value; drag it from the input panel',
	}),
	{
		displayName: 'Details (JSON)',
		name: 'details',
		type: 'json',
		default: '{}',
		description:
			'Event metadata as JSON; may be nested, e.g. {"page": {"path": "/pricing"}}. The Details rows above are added to it (a key in both takes the row\'s value), then the Purchase.',
		displayOptions: { show: { mappingMode: ['defineBelow'] } },
	},
	{
		displayName: 'Date',
		name: 'date',
		type: 'string',
		default: '',
		placeholder: 'e.g. 2024-05-01T10:30:00Z',
		description:
			"When the event happened: ISO 8601 (also as databases print it, e.g. 2026-01-05 10:00:00+00), a date from an expression, or epoch milliseconds. Leave empty to use the time Bento receives it. A value without an offset is read in the workflow's time zone (in nodes saved at version 1: as UTC).",
		displayOptions: { show: { mappingMode: ['defineBelow'] } },
	},
	optionsCollection(deliveryOptions),
];

export const description = operationDescription('event', 'create', properties);

/** Whether the node has rows or a purchase in `name`: reading parameters per item is costly. */
function isSet(ctx: IExecuteFunctions, name: string): boolean {
	const value = ctx.getNode().parameters[name];
	return typeof value === 'object' && value !== null && Object.keys(value).length > 0;
}

/** A JSON parameter's object merged with its rows (a row wins); Invalid for bad JSON. */
function withRows(json: unknown, field: string, rows: Checked<IDataObject>): Checked<unknown> {
	const object = optionalObject(parseObjectValue(json, field), field);
	if (object instanceof Invalid) return object;
	if (rows instanceof Invalid) return rows;
	return Object.keys(rows).length === 0 ? object : { ...object, ...rows };
}

interface ReadEvent {
	input: EventInput;
	/** The Purchase parameters' details, when the node has a purchase. */
	purchase?: IDataObject;
}

type DefineBelowReader = (i: number) => Checked<ReadEvent>;

function defineBelowReader(ctx: IExecuteFunctions): DefineBelowReader {
	const hasFieldRows = isSet(ctx, 'fieldRows');
	const hasDetailRows = isSet(ctx, 'detailRows');
	const hasPurchase = isSet(ctx, 'purchase');
	return (i) => {
		const fieldRows = hasFieldRows ? readRows(ctx, 'fieldRows', i, refuseKeyList) : {};
		const detailRows = hasDetailRows ? readRows(ctx, 'detailRows', i) : {};
		const purchase = hasPurchase ? readPurchase(ctx, i) : undefined;
		if (purchase instanceof Invalid) return purchase;
		const fields = withRows(ctx.getNodeParameter('fields', i, undefined), 'fields', fieldRows);
		if (fields instanceof Invalid) return fields;
		let details = withRows(ctx.getNodeParameter('details', i, undefined), 'details', detailRows);
		if (details instanceof Invalid) return details;
		if (purchase) details = mergeDetails(details as IDataObject | undefined, purchase);
		const input: EventInput = {
			type: ctx.getNodeParameter('eventType', i),
			email: ctx.getNodeParameter('email', i),
			fields,
			details,
			date: ctx.getNodeParameter('date', i, ''),
		};
		return { input, purchase };
	};
}

/**
 * A purchase needs a unique key (its Order ID, the option Unique Key or details.unique.key) so
 * that a resend cannot count it twice; Order ID and Unique Key must not say different things.
 */
function checkPurchaseKey(
	event: BentoEvent,
	purchase: IDataObject,
	option: unknown,
): Invalid | undefined {
	const orderId = (purchase.unique as IDataObject | undefined)?.key;
	const optionSet = option !== undefined && option !== null && option !== '';
	// Unique Key is sent exactly as given (a resend must carry the same key); compared cleaned.
	if (orderId !== undefined && optionSet && cleanEnds(String(option)) !== orderId)
		return new Invalid(
			'purchase.orderId',
			`purchase.orderId "${String(orderId)}" and the option Unique Key "${String(option)}" differ: set only one`,
		);
	const unique = event.details?.unique as IDataObject | undefined;
	if (orderId === undefined && !optionSet && (unique?.key ?? '') === '')
		return new Invalid(
			'purchase.orderId',
			'purchase.orderId is required: without it a resend would count the purchase twice (or set the option Unique Key)',
		);
	return undefined;
}

/** An auto-mapped item: its keys cleaned and checked (`checkEventKeys`). */
function autoMapped(json: IDataObject): Checked<ReadEvent> {
	const input = checkEventKeys(json);
	return input instanceof Invalid ? input : { input };
}

function reader(ctx: IExecuteFunctions, options: IDataObject): ItemReader<BentoEvent> {
	const mode = ctx.getNodeParameter('mappingMode', 0) as MappingMode;
	// Reading a parameter per item is costly; only do it for Unique Key when it is set.
	const hasUniqueKey = 'uniqueKey' in options;
	const readDefineBelow = mode === 'defineBelow' ? defineBelowReader(ctx) : undefined;
	// Version 1 read a date without an offset as UTC; saved nodes keep that (n8n's versioning).
	const zone = ctx.getNode().typeVersion >= 1.1 ? ctx.getTimezone() : VERSION_1_ZONE;
	return (item, i) => {
		const read: Checked<ReadEvent> = readDefineBelow ? readDefineBelow(i) : autoMapped(item.json);
		if (read instanceof Invalid) return read;
		const event = toBentoEvent(read.input, zone);
		if (event instanceof Invalid) return event;
		const key = hasUniqueKey ? ctx.getNodeParameter('options.uniqueKey', i, '') : undefined;
		if (read.purchase) {
			const problem = checkPurchaseKey(event, read.purchase, key);
			if (problem) return problem;
		}
		return hasUniqueKey ? withUniqueKey(event, key) : event;
	};
}

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[][]> {
	return await executeBatchWrite(this, items, {
		endpoint: '/batch/events',
		bodyKey: 'events',
		recordKey: 'event',
		noun: 'events',
		max: MAX_EVENTS,
		options: deliveryOptions,
		reader,
	});
}
