import {
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { executeBatchWrite } from '../../engines/batchWriter';
import type { ItemReader } from '../../engines/readItem';
import type { MappingMode } from '../../helpers/interfaces';
import { sendingOptions, sendOnce } from '../sending.common';
import { Invalid } from '../../helpers/invalid';
import { readItemKeys } from '../../helpers/itemKeys';
import { parseObjectValue } from '../../helpers/validation';
import {
	mappingModeProperties,
	operationDescription,
	optionsCollection,
} from '../common.descriptions';
import { BENTO_EMAILS_PER_MINUTE } from '../../transport/bentoLimits';
import { type BentoEmail, EMAIL_KEYS, toBentoEmail } from './toBentoEmail';

// Bento's limit per request (its docs; one SDK says 100).
export const MAX_EMAILS = 60;

/** Requests Per Minute's default here: one batch a minute keeps to Bento's send pace. */
export const EMAIL_REQUESTS_PER_MINUTE = 1;

const options = sendingOptions({
	noun: 'Emails',
	max: MAX_EMAILS,
	requestsPerMinute: {
		default: EMAIL_REQUESTS_PER_MINUTE,
		description: `Spaces requests so a large run keeps to Bento's send pace of about ${BENTO_EMAILS_PER_MINUTE} emails a minute: at ${EMAIL_REQUESTS_PER_MINUTE}, each batch of ${MAX_EMAILS} starts a minute after the previous one (the first goes at once), so the run never queues far ahead of your other transactional mail. 0 queues everything at once; Bento still sends about ${BENTO_EMAILS_PER_MINUTE} a minute.`,
	},
});

const properties: INodeProperties[] = [
	...mappingModeProperties({
		defineBelow: 'Set the recipient, sender, subject and body for each item, with expressions',
		autoMap:
			'Each input item already is an email: to, from, subject, html_body, and optionally transactional and personalizations',
		notice:
			'Each input item must hold only "to", "from", "subject", "html_body" and optionally "transactional" (true or false) and "personalizations". Any other key is an error for that item.',
	}),
	{
		displayName: 'To',
		name: 'to',
		type: 'string',
		placeholder: 'name@email.com',
		required: true,
		default: '',
		description:
			'Email address of the one recipient. Bento creates the subscriber if it does not exist yet.',
		displayOptions: { show: { mappingMode: ['defineBelow'] } },
	},
	{
		displayName: 'From',
		hint: 'Must be an author of the Bento site (Settings → Authors), or Bento refuses the email',
		name: 'from',
		type: 'string',
		placeholder: 'e.g. orders@yourshop.com',
		required: true,
		default: '',
		description:
			'Sender address. It must be an author of the Bento site (Settings → Authors), otherwise Bento refuses the email.',
		displayOptions: { show: { mappingMode: ['defineBelow'] } },
	},
	{
		displayName: 'Subject',
		placeholder: 'e.g. Your order #1042',
		name: 'subject',
		type: 'string',
		required: true,
		default: '',
		description: 'Subject line of the email',
		displayOptions: { show: { mappingMode: ['defineBelow'] } },
	},
	{
		displayName: 'HTML Body',
		name: 'htmlBody',
		type: 'string',
		typeOptions: { rows: 6 },
		required: true,
		default: '',
		placeholder: '<p>Hi {{ name }}, thanks for your order {{ order_id }}.</p>',
		description:
			'The email body as HTML, sent exactly as given. Bento fills Liquid tags such as {{ name }} from Personalizations.',
		displayOptions: { show: { mappingMode: ['defineBelow'] } },
	},
	{
		displayName:
			"Keep the body fixed text and pass per-item values in Personalizations: in an n8n expression (a value starting with =), n8n itself reads every {{ }}, Bento's Liquid tags included.",
		name: 'liquidNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { mappingMode: ['defineBelow'] } },
	},
	{
		displayName: 'Transactional',
		name: 'transactional',
		type: 'boolean',
		default: false,
		description:
			"Whether this is a transactional email (receipt, password reset, login code): Bento then sends it even to people who unsubscribed. Off (Bento's default) for anything marketing.",
		displayOptions: { show: { mappingMode: ['defineBelow'] } },
	},
	{
		displayName:
			'Transactional is off: Bento skips recipients who have unsubscribed. Turn it on only for mail people need (receipts, password resets).',
		name: 'marketingNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { mappingMode: ['defineBelow'], transactional: [false] } },
	},
	{
		displayName: 'Personalizations',
		name: 'personalizations',
		hint: 'Values must be flat: text, a number or a boolean',
		type: 'json',
		default: '{}',
		description:
			'Flat object of values for the body\'s Liquid tags, e.g. {"name": "Ann"} for {{ name }}. Values must be text, numbers or booleans.',
		displayOptions: { show: { mappingMode: ['defineBelow'] } },
	},
	{
		displayName:
			'A batch that Bento may have taken (a timeout, a dropped connection, a 5xx) is never resent: its items fail with "may have been sent". n8n\'s Retry On Fail is safe here: a retry of this node in the same execution does not send again what the first try sent or may have sent.',
		name: 'sendOnceNotice',
		type: 'notice',
		default: '',
	},
	optionsCollection(options),
];

export const description = operationDescription('email', 'send', properties);

const EMAIL_ITEM = { allowed: EMAIL_KEYS, what: 'an email item' };

function reader(ctx: IExecuteFunctions): ItemReader<BentoEmail> {
	const mode = ctx.getNodeParameter('mappingMode', 0) as MappingMode;
	if (mode === 'autoMapInputData')
		return (item) => {
			const keyed = readItemKeys(item.json, EMAIL_ITEM);
			return keyed instanceof Invalid ? keyed : toBentoEmail(keyed);
		};
	return (_item, i) => {
		const personalizations = parseObjectValue(
			ctx.getNodeParameter('personalizations', i, undefined),
			'personalizations',
		);
		return toBentoEmail({
			to: ctx.getNodeParameter('to', i) as string,
			from: ctx.getNodeParameter('from', i) as string,
			subject: ctx.getNodeParameter('subject', i) as string,
			html_body: ctx.getNodeParameter('htmlBody', i) as string,
			transactional: ctx.getNodeParameter('transactional', i, false) as boolean,
			personalizations: personalizations as IDataObject,
		});
	};
}

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[][]> {
	const chosen = this.getNodeParameter('options', 0, {}) as IDataObject;
	const result = await executeBatchWrite(this, items, {
		endpoint: '/batch/emails',
		bodyKey: 'emails',
		recordKey: 'email',
		noun: 'emails',
		max: MAX_EMAILS,
		options,
		...sendOnce(chosen, 'emails'),
		reader,
	});
	const marketing = result[0].filter(
		(item) =>
			item.json.dryRun !== true &&
			(item.json.email as BentoEmail | undefined)?.transactional === false,
	).length;
	if (marketing > 0) {
		this.addExecutionHints?.({
			message: `${marketing} email(s) went out with transactional off: Bento skips recipients who have unsubscribed.`,
			location: 'outputPane',
		});
	}
	return result;
}
