import {
	type IDisplayOptions,
	type INodeProperties,
	type INodePropertyOptions,
	updateDisplayOptions,
} from 'n8n-workflow';

import { batchOptions, requestOptions, writeRequestOptions } from '../engines/options';
import type { BentoOperation, BentoResource } from './node.type';

const onRejectedEvents: INodeProperties = {
	displayName: 'On Rejected Events',
	name: 'onRejectedEvents',
	type: 'options',
	options: [
		{
			name: 'Warn and Continue',
			value: 'warn',
			description: 'Show the count in the output and as a hint on the node',
		},
		{
			name: 'Treat Batch as Failed',
			value: 'error',
			description: 'Fail the batch (an error, or error items with Continue On Fail)',
		},
	],
	default: 'warn',
	description:
		'What to do when Bento answers that it rejected some events of a batch ("failed" > 0)',
};

const uniqueKey: INodeProperties = {
	displayName: 'Unique Key',
	name: 'uniqueKey',
	type: 'string',
	default: '',
	placeholder: 'e.g. {{ $json.order_id }}',
	description:
		'Sets details.unique.key on each event. Bento counts events with the same key once, so a resend after a timeout cannot double-count a purchase.',
};

/** One entry of resource `R`'s Operation picker: its value must be one of node.type.ts. */
export type OperationOption<R extends BentoResource> = INodePropertyOptions & {
	value: BentoOperation<R>;
	action: string;
};

/** A resource's Operation picker, shown for that resource only; values typed by node.type.ts. */
export function operationPicker<R extends BentoResource>(
	resource: R,
	options: Array<OperationOption<R>>,
	defaultOperation: BentoOperation<R>,
): INodeProperties {
	return {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [resource] } },
		options,
		default: defaultOperation,
	};
}

/** An operation's own parameters, shown for that resource and operation only (values typed). */
export function operationDescription<R extends BentoResource>(
	resource: R,
	operation: BentoOperation<R>,
	properties: INodeProperties[],
): INodeProperties[] {
	return updateDisplayOptions(
		{ show: { resource: [resource], operation: [operation] } },
		properties,
	);
}

/**
 * The Email parameter of an operation that names one subscriber per item: required, with the
 * same placeholder everywhere; `description` says what that address is for this operation.
 */
export function emailProperty(
	description: string,
	displayOptions?: IDisplayOptions,
): INodeProperties {
	return {
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'name@email.com',
		required: true,
		default: '',
		description,
		...(displayOptions ? { displayOptions } : {}),
	};
}

/** The Options collection: every operation's last parameter, holding `options`. */
export function optionsCollection(options: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options,
	};
}

/** The Options collection of an operation that sends one request per item or reads. */
export const requestOptionsCollection = optionsCollection(requestOptions);

/** The Options collection of an operation that writes one request per item: with Dry Run. */
export const writeOptionsCollection = optionsCollection(writeRequestOptions);

/** Bento's limit of events per request (POST /batch/events). */
export const MAX_EVENTS = 1000;

/** Create Events' options, exactly as they shipped. */
export const deliveryOptions = batchOptions({
	noun: 'Events',
	max: MAX_EVENTS,
	extra: [onRejectedEvents, uniqueKey],
});

/** n8n's Return All / Limit pair for list operations. */
export const returnAllOrLimit: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { returnAll: [false] } },
	},
];

export interface MappingModeSpec {
	/** What Define Below sets, e.g. "Set the event type, email and data for each item, with expressions". */
	defineBelow: string;
	/** What one auto-mapped item is. */
	autoMap: string;
	/** The keys an auto-mapped item may hold, shown under the picker in that mode. */
	notice: string;
}

/** The Mapping Mode picker of a batched operation, and its notice for Map Automatically. */
export function mappingModeProperties(spec: MappingModeSpec): INodeProperties[] {
	return [
		{
			displayName: 'Mapping Mode',
			name: 'mappingMode',
			type: 'options',
			noDataExpression: true,
			options: [
				{ name: 'Define Below', value: 'defineBelow', description: spec.defineBelow },
				{ name: 'Map Automatically', value: 'autoMapInputData', description: spec.autoMap },
			],
			default: 'defineBelow',
		},
		{
			displayName: spec.notice,
			name: 'autoMapNotice',
			type: 'notice',
			default: '',
			displayOptions: { show: { mappingMode: ['autoMapInputData'] } },
		},
	];
}
