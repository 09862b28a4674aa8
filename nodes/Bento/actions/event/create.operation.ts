import {
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
	updateDisplayOptions,
} from 'n8n-workflow';

import { executeBatchWrite } from '../../engines/batchWriter';
import type { ItemReader } from '../../engines/readItem';
import type { BentoEvent, EventInput, MappingMode } from '../../helpers/interfaces';
import { type Checked, Invalid } from '../../helpers/invalid';
import {
	checkEventKeys,
	parseObjectValue,
	toBentoEvent,
	withUniqueKey,
} from '../../helpers/validation';
import { deliveryOptions, mappingModeProperties, optionsCollection } from '../common.descriptions';

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
		displayName: 'Fields',
		name: 'fields',
		type: 'json',
		default: '{}',
		description:
			'Flat object of profile fields written to the subscriber, e.g. {"first_name": "Ari"}. Values must be text, numbers or booleans.',
		displayOptions: { show: { mappingMode: ['defineBelow'] } },
	},
	{
		displayName: 'Details',
		name: 'details',
		type: 'json',
		default: '{}',
		description:
			'Event metadata; may be nested. For $purchase: {"unique": {"key": "order-1"}, "value": {"amount": 8000, "currency": "USD"}}.',
		displayOptions: { show: { mappingMode: ['defineBelow'] } },
	},
	{
		displayName: 'Date',
		name: 'date',
		type: 'string',
		default: '',
		placeholder: 'e.g. 2024-05-01T10:30:00Z',
		description:
			'When the event happened: ISO 8601, a date from an expression, or epoch milliseconds. Leave empty to use the time Bento receives it. A value without an offset is read as UTC.',
		displayOptions: { show: { mappingMode: ['defineBelow'] } },
	},
	optionsCollection(deliveryOptions),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['event'], operation: ['create'] } },
	properties,
);

function readInput(
	ctx: IExecuteFunctions,
	mode: MappingMode,
	item: INodeExecutionData,
	i: number,
): Checked<EventInput> {
	if (mode === 'autoMapInputData') return checkEventKeys(item.json) ?? item.json;
	return {
		type: ctx.getNodeParameter('eventType', i),
		email: ctx.getNodeParameter('email', i),
		fields: parseObjectValue(ctx.getNodeParameter('fields', i, undefined), 'fields'),
		details: parseObjectValue(ctx.getNodeParameter('details', i, undefined), 'details'),
		date: ctx.getNodeParameter('date', i, ''),
	};
}

function reader(ctx: IExecuteFunctions, options: IDataObject): ItemReader<BentoEvent> {
	const mode = ctx.getNodeParameter('mappingMode', 0) as MappingMode;
	// Reading a parameter per item is costly; only do it for Unique Key when it is set.
	const hasUniqueKey = 'uniqueKey' in options;
	return (item, i) => {
		const input = readInput(ctx, mode, item, i);
		const event = input instanceof Invalid ? input : toBentoEvent(input);
		if (event instanceof Invalid || !hasUniqueKey) return event;
		return withUniqueKey(event, ctx.getNodeParameter('options.uniqueKey', i, ''));
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
		max: 1000,
		options: deliveryOptions,
		reader,
	});
}
