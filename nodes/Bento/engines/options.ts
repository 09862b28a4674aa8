import {
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
	NodeOperationError,
} from 'n8n-workflow';

import type { RejectedEventsHandling } from '../helpers/interfaces';
import { dryRunOption } from './dryRun';
import type { DeliveryOptions } from '../transport';
import { BENTO_REQUESTS_PER_MINUTE } from '../transport/bentoLimits';
import { RETRY_CAPS } from '../transport/retryPolicy';

// The delivery options every engine reads: their properties (so the UI's defaults and the
// engines' cannot disagree) and the reading of what the user set.

const maxRetries: INodeProperties = {
	displayName: 'Max Retries',
	name: 'maxRetries',
	type: 'number',
	typeOptions: { minValue: 0, maxValue: 10 },
	default: 5,
	description:
		"How often one request is retried after a server error (5xx), a dropped connection or a timeout; waits grow exponentially. A rate limit (429) is not counted: the node waits for Bento's window to reset (or its Retry-After) and goes on.",
};

const requestsPerMinute: INodeProperties = {
	displayName: 'Requests Per Minute',
	name: 'requestsPerMinute',
	type: 'number',
	typeOptions: { minValue: 0 },
	default: 0,
	description: `0 (automatic): the requests of all executions on this Bento account in this n8n process take turns under Bento's limit: full speed until Bento refuses, then at the pace Bento let through, waiting out each refusal. A number sends this node's requests evenly at that many per minute (Bento documents ${BENTO_REQUESTS_PER_MINUTE} for the whole account).`,
};

/**
 * Default of Max Wait for Rate Limit (minutes): at Bento's 100 requests a minute, 1,000
 * single-request executions started at once all get their turn within about 10 minutes.
 */
export const DEFAULT_MAX_RATE_LIMIT_WAIT_MINUTES = 20;

const maxRateLimitWait: INodeProperties = {
	displayName: 'Max Wait for Rate Limit (Minutes)',
	name: 'maxRateLimitWait',
	type: 'number',
	typeOptions: { minValue: 1 },
	default: DEFAULT_MAX_RATE_LIMIT_WAIT_MINUTES,
	description:
		"Requests to one Bento account from all executions in this n8n process wait in line for Bento's per-minute limit. A request whose turn would come later than this fails at once, naming the limit and when to try again.",
};

const retryDelay: INodeProperties = {
	displayName: 'Retry Delay',
	name: 'retryDelay',
	type: 'number',
	typeOptions: { minValue: 0 },
	default: 1000,
	description: `Milliseconds to base the first retry wait on; each further retry doubles it (capped at ${RETRY_CAPS.maxDelayMs / 1000} s)`,
};

const timeout: INodeProperties = {
	displayName: 'Timeout',
	name: 'timeout',
	type: 'number',
	typeOptions: { minValue: 1 },
	default: 30000,
	description: 'Milliseconds to wait for Bento to answer one request before retrying it',
};

const byName = (a: INodeProperties, b: INodeProperties) =>
	a.displayName.localeCompare(b.displayName);

/** Options of every operation that sends one request per item or reads: retries, pacing, timeout. */
export const requestOptions: INodeProperties[] = [
	maxRetries,
	maxRateLimitWait,
	requestsPerMinute,
	retryDelay,
	timeout,
];

/** The options of an operation that writes one request per item: requestOptions and Dry Run. */
export const writeRequestOptions: INodeProperties[] = [dryRunOption, ...requestOptions];

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
	// Every batch write offers Dry Run by construction.
	const shown = [batchSize, dryRunOption, retries, maxRateLimitWait, pace, retryDelay, timeout];
	return [...shown, ...(spec.extra ?? [])].sort(byName);
}

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
	properties: INodeProperties[],
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
		// Saved nodes have no such option: the default applies.
		maxRateLimitWaitMs:
			(value<number>('maxRateLimitWait') ?? DEFAULT_MAX_RATE_LIMIT_WAIT_MINUTES) * 60_000,
		// Only an operation that offers Dry Run can have it set.
		dryRun: options.dryRun === true,
	};
}

/**
 * The node's Options collection (item 0's) read as `readBatchOptions` does, after checking that
 * each number option holds a number: an expression can put text into one (the editor's
 * minimum only guards typing), and NaN would make a wait unbounded. Throws a NodeOperationError
 * naming the option.
 */
export function readNodeOptions(
	ctx: IExecuteFunctions,
	properties: INodeProperties[],
): { raw: IDataObject; options: BatchOptions } {
	const raw = { ...(ctx.getNodeParameter('options', 0, {}) as IDataObject) };
	for (const property of properties) {
		const value = raw[property.name];
		if (property.type !== 'number' || value === undefined) continue;
		// "20" from an expression is the number 20, as it always was.
		const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
		if (typeof number !== 'number' || !Number.isFinite(number) || number < 0)
			throw new NodeOperationError(
				ctx.getNode(),
				`Option "${property.displayName}" must be a number of at least 0, not ${JSON.stringify(value)}`,
			);
		raw[property.name] = number;
	}
	return { raw, options: readBatchOptions(raw, properties) };
}
