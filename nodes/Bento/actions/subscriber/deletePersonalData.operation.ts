import {
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
	NodeOperationError,
} from 'n8n-workflow';

import { executePerItem, notFoundVerdict } from '../../engines/perItem';
import { Invalid } from '../../helpers/invalid';
import { checkEmail } from '../../helpers/validation';
import type { BentoTransport } from '../../transport';
import { apiFailure } from '../../transport/attempt';
import { BENTO_DELETIONS_PER_DAY, countText } from '../../transport/bentoLimits';
import { httpFailureText } from '../../transport/errorMessages';
import { dryRunOption } from '../../engines/dryRun';
import { requestOptions } from '../../engines/options';
import { deletedAnswer } from '../../engines/output';
import { emailProperty, operationDescription, optionsCollection } from '../common.descriptions';
import { ifNotFoundOption } from './ifNotFound';

type IfNotFound = 'returnItem' | 'error';

// Bento documents a daily limit of data deletion requests (bentoLimits.ts; BENTO-API.md):
// the transport waits out a 429 only when it says to come back within its wait cap
// (Retry-After), and otherwise names that daily limit.
const DAILY_LIMIT_NOTE = `Bento allows ${countText(BENTO_DELETIONS_PER_DAY)} data deletion requests a day per site: the remaining items can be sent again tomorrow (items already answered "queued" need not be).`;

// Bento's answer for an email it has no person for; any other 404 is a wrong path (Base URL).
const NOT_FOUND = 'visitor_not_found';

const ifNotFound = ifNotFoundOption(
	{
		name: 'Return an Item',
		value: 'returnItem',
		description: 'An output item {email, status: "not_found"}',
	},
	'person with this email on the site',
);

const properties: INodeProperties[] = [
	{
		displayName: `Irreversible: Bento anonymises this person on the site (profile, fields, tags, history), up to ${countText(BENTO_DELETIONS_PER_DAY)} requests a day. Any later event, import or shop sync with the same email creates the person again, so stop your other syncs for this address too.`,
		name: 'deletePersonalDataNotice',
		type: 'notice',
		default: '',
	},
	emailProperty('Email address of the person whose data Bento erases'),
	optionsCollection([dryRunOption, ifNotFound, ...requestOptions]),
];

export const description = operationDescription('subscriber', 'deletePersonalData', properties);

/**
 * One `POST /data_deletion_requests` (`{data_deletion_request: {email}}`). Returns whether Bento
 * queued the erasure (202) or has no such person (404 `visitor_not_found`). An erasure removes
 * its entry: a 404 after an attempt that may have been delivered is queued (`notFoundVerdict`). Throws a
 * NodeApiError for any other failure (422, a 429 naming the daily limit, another 404).
 */
async function requestDeletion(
	ctx: IExecuteFunctions,
	transport: BentoTransport,
	email: string,
	itemIndex: number,
): Promise<'queued' | 'not_found'> {
	const response = await transport.request({
		method: 'POST',
		items: [itemIndex],
		endpoint: '/data_deletion_requests',
		body: { data_deletion_request: { email } },
		acceptStatuses: [404],
		rateLimitNote: DAILY_LIMIT_NOTE,
	});
	if (notFoundVerdict(response, 'removes') !== 'notFound') return 'queued';
	if (response.body.error === NOT_FOUND) return 'not_found';
	const { message, description } = httpFailureText(
		response.status,
		response.body,
		transport.redact,
	);
	throw apiFailure(ctx.getNode(), {
		message: transport.redact(message),
		description: transport.redact(description),
		httpCode: '404',
		maybeSent: false,
	});
}

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[][]> {
	const notFound = this.getNodeParameter('options.ifNotFound', 0, 'returnItem') as IfNotFound;
	return await executePerItem(this, items, {
		reader: (ctx) => (_item, i) => {
			const email = checkEmail(ctx.getNodeParameter('email', i));
			return email instanceof Invalid ? email : { email };
		},
		run: async (transport, { email }, itemIndex): Promise<IDataObject> => {
			const status = await requestDeletion(this, transport, email, itemIndex);
			// From version 1.2 `{deleted: true}`: Bento has queued the erasure (it cannot be undone).
			if (status === 'queued' || notFound === 'returnItem')
				return deletedAnswer(this, status === 'queued', { email, status });
			throw new NodeOperationError(this.getNode(), `Bento has no person with email "${email}"`, {
				itemIndex,
				description:
					'Nothing was erased: Bento knows no one with this email on the site. Set the option "If Not Found" to "Return an Item" to get such items as {email, status: "not_found"}.',
			});
		},
	});
}
