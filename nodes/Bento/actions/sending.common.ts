import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { type BatchOptionsSpec, batchOptions } from '../engines/options';
import type { BentoRequest } from '../transport';

/** Off by default: a request Bento may already have taken is reported, not sent again. */
const retryMaybeSent: INodeProperties = {
	displayName: 'Retry Maybe-Sent Requests',
	name: 'retryMaybeSent',
	type: 'boolean',
	default: false,
	description:
		'Whether to also retry after a timeout, a dropped connection or a 5xx answer, when Bento may already have taken the request. Warning: Bento may then act twice (an email sent twice, a broadcast created twice). Off: such a batch is reported as "may have been sent" and not resent.',
};

const SENDING_MAX_RETRIES =
	'How often one request is retried when Bento certainly did not take it: a rate limit (429) or a connection that never opened. A timeout, a dropped connection or a 5xx is not retried unless Retry Maybe-Sent Requests is on.';

/** The transport's resend policy for the options the user set. */
function resendPolicy(options: IDataObject): NonNullable<BentoRequest['resend']> {
	return options.retryMaybeSent === true ? 'always' : 'ifNotSent';
}

/** Said with every batch that may have been delivered. */
function maybeSentAdvice(noun: string): string {
	return `Bento may have taken these ${noun} before the connection failed, so they were not resent. Check Bento (its activity for the recipients) before sending them again.`;
}

/**
 * The options of an operation that sends mail (Send Emails, Create Broadcasts): the batch
 * options with Retry Maybe-Sent Requests added and Max Retries saying what is not resent.
 */
export function sendingOptions(
	spec: Omit<BatchOptionsSpec, 'extra' | 'maxRetriesDescription'>,
): INodeProperties[] {
	return batchOptions({
		...spec,
		extra: [retryMaybeSent],
		maxRetriesDescription: SENDING_MAX_RETRIES,
	});
}

/**
 * The batch writer's resend rule for an operation that sends mail: a batch Bento may have taken
 * is not sent again unless the user set Retry Maybe-Sent Requests; `noun` ("emails") is what
 * the advice for such a batch names.
 */
export function sendOnce(
	options: IDataObject,
	noun: string,
): { resend: NonNullable<BentoRequest['resend']>; maybeSentAdvice: string } {
	return { resend: resendPolicy(options), maybeSentAdvice: maybeSentAdvice(noun) };
}
