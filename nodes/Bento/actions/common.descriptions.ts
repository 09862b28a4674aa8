import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { RejectedEventsHandling } from '../helpers/interfaces';
import type { DeliveryOptions } from '../transport';

/** Options of every operation that sends records to a Bento batch endpoint. */
export const deliveryOptions: INodeProperties[] = [
	{
		displayName: 'Batch Size',
		name: 'batchSize',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 1000 },
		default: 1000,
		description:
			'Events per request; Bento takes up to 1000. Fewer requests means fewer rate-limit hits.',
	},
	{
		displayName: 'Max Retries',
		name: 'maxRetries',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 10 },
		default: 5,
		description:
			'How often one request is retried after a rate limit (429), a server error (5xx), a dropped connection or a timeout. Waits grow exponentially and honour Retry-After.',
	},
	{
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
	},
	{
		displayName: 'Requests Per Minute',
		name: 'requestsPerMinute',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 0,
		description:
			'Space requests to stay under this rate (Bento documents 100 per minute). 0 sends as fast as Bento allows and relies on retries.',
	},
	{
		displayName: 'Retry Delay',
		name: 'retryDelay',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 1000,
		description:
			'Milliseconds to base the first retry wait on; each further retry doubles it (capped at 30 s)',
	},
	{
		displayName: 'Timeout',
		name: 'timeout',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 30000,
		description: 'Milliseconds to wait for Bento to answer one request before retrying it',
	},
	{
		displayName: 'Unique Key',
		name: 'uniqueKey',
		type: 'string',
		default: '',
		placeholder: 'e.g. {{ $json.order_id }}',
		description:
			'Sets details.unique.key on each event. Bento counts events with the same key once, so a resend after a timeout cannot double-count a purchase.',
	},
];

export interface BatchOptions extends DeliveryOptions {
	batchSize: number;
	onRejectedEvents: RejectedEventsHandling;
}

// Defaults come from the properties above, so the UI and the code cannot disagree.
const defaults = Object.fromEntries(deliveryOptions.map((option) => [option.name, option.default]));

/** The options collection's values with their defaults filled in. */
export function readBatchOptions(options: IDataObject): BatchOptions {
	const value = <T>(key: string) => (options[key] ?? defaults[key]) as T;
	return {
		batchSize: value('batchSize'),
		maxRetries: value('maxRetries'),
		onRejectedEvents: value('onRejectedEvents'),
		requestsPerMinute: value('requestsPerMinute'),
		initialDelayMs: value('retryDelay'),
		timeoutMs: value('timeout'),
	};
}
