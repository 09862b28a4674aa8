import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { BentoRequest } from '../transport';

/** Off by default: a request Bento may already have taken is reported, not sent again. */
export const retryMaybeSent: INodeProperties = {
	displayName: 'Retry Maybe-Sent Requests',
	name: 'retryMaybeSent',
	type: 'boolean',
	default: false,
	description:
		'Whether to also retry after a timeout, a dropped connection or a 5xx answer, when Bento may already have taken the request. Warning: Bento may then act twice (an email sent twice, a broadcast created twice). Off: such a batch is reported as "may have been sent" and not resent.',
};

export const SENDING_MAX_RETRIES =
	'How often one request is retried when Bento certainly did not take it: a rate limit (429) or a connection that never opened. A timeout, a dropped connection or a 5xx is not retried unless Retry Maybe-Sent Requests is on.';

/** The transport's resend policy for the options the user set. */
export function resendPolicy(options: IDataObject): NonNullable<BentoRequest['resend']> {
	return options.retryMaybeSent === true ? 'always' : 'ifNotSent';
}

/** Said with every batch that may have been delivered. */
export function maybeSentAdvice(noun: string): string {
	return `Bento may have taken these ${noun} before the connection failed, so they were not resent. Check Bento (its activity for the recipients) before sending them again.`;
}
