import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { RejectedEventsHandling } from '../helpers/interfaces';
import type { DeliveryOptions } from '../transport';

const maxRetries: INodeProperties = {
	displayName: 'Max Retries',
	name: 'maxRetries',
	type: 'number',
	typeOptions: { minValue: 0, maxValue: 10 },
	default: 5,
	description:
		'How often one request is retried after a rate limit (429), a server error (5xx), a dropped connection or a timeout. Waits grow exponentially and honour Retry-After.',
};

const requestsPerMinute: INodeProperties = {
	displayName: 'Requests Per Minute',
	name: 'requestsPerMinute',
	type: 'number',
	typeOptions: { minValue: 0 },
	default: 0,
	description:
		'Space requests to stay under this rate (Bento documents 100 per minute). 0 sends as fast as Bento allows and relies on retries.',
};

const retryDelay: INodeProperties = {
	displayName: 'Retry Delay',
	name: 'retryDelay',
	type: 'number',
	typeOptions: { minValue: 0 },
	default: 1000,
	description:
		'Milliseconds to base the first retry wait on; each further retry doubles it (capped at 30 s)',
};

const timeout: INodeProperties = {
	displayName: 'Timeout',
	name: 'timeout',
	type: 'number',
	typeOptions: { minValue: 1 },
	default: 30000,
	description: 'Milliseconds to wait for Bento to answer one request before retrying it',
};

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

const byName = (a: INodeProperties, b: INodeProperties) =>
	a.displayName.localeCompare(b.displayName);

/** Options of every operation that sends one request per item or reads: retries, pacing, timeout. */
export const requestOptions: INodeProperties[] = [
	maxRetries,
	requestsPerMinute,
	retryDelay,
	timeout,
];

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

export interface BatchOptionsSpec {
	/** What one record is, plural and capitalised for the UI: `Events`, `Subscribers`. */
	noun: string;
	/** Bento's limit per request. */
	max: number;
	/** The default batch size; `max` unless Bento's pace makes a smaller one better. */
	defaultSize?: number;
	/** Extra options of this operation (e.g. Unique Key); kept in alphabetical order. */
	extra?: INodeProperties[];
	/** Replaces the shared Max Retries description (e.g. where resends are withheld). */
	maxRetriesDescription?: string;
	/** Requests Per Minute's default and description where Bento's pace calls for one (emails). */
	requestsPerMinute?: { default: number; description: string };
}

/** Options of an operation that sends records to a Bento batch endpoint. */
export function batchOptions(spec: BatchOptionsSpec): INodeProperties[] {
	const batchSize: INodeProperties = {
		displayName: 'Batch Size',
		name: 'batchSize',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: spec.max },
		default: 1000,
		description: `${spec.noun} per request; Bento takes up to ${spec.max}. Fewer requests means fewer rate-limit hits.`,
	};
	batchSize.default = spec.defaultSize ?? spec.max;
	const retries = spec.maxRetriesDescription
		? { ...maxRetries, description: spec.maxRetriesDescription }
		: maxRetries;
	const pace = spec.requestsPerMinute
		? { ...requestsPerMinute, ...spec.requestsPerMinute }
		: requestsPerMinute;
	return [batchSize, retries, pace, retryDelay, timeout, ...(spec.extra ?? [])].sort(byName);
}

/** Create Events' options, exactly as they shipped. */
export const deliveryOptions = batchOptions({
	noun: 'Events',
	max: 1000,
	extra: [onRejectedEvents, uniqueKey],
});

export interface BatchOptions extends DeliveryOptions {
	batchSize: number;
	onRejectedEvents: RejectedEventsHandling;
}

/**
 * The options collection's values with the defaults of `properties` filled in, so the UI and
 * the code cannot disagree.
 */
export function readBatchOptions(
	options: IDataObject,
	properties: INodeProperties[] = deliveryOptions,
): BatchOptions {
	const value = <T>(key: string) =>
		(options[key] ?? properties.find((p) => p.name === key)?.default) as T;
	return {
		batchSize: value('batchSize'),
		maxRetries: value('maxRetries'),
		onRejectedEvents: value('onRejectedEvents') ?? 'warn',
		requestsPerMinute: value('requestsPerMinute'),
		initialDelayMs: value('retryDelay'),
		timeoutMs: value('timeout'),
	};
}

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
