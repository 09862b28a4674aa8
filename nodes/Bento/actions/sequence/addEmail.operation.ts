import {
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { executePerItem } from '../../engines/perItem';
import { type Checked, Invalid } from '../../helpers/invalid';
import { isPasted } from '../../helpers/address';
import { cleanEnds } from '../../helpers/identifiers';
import { bracketedList } from '../../helpers/jsonList';
import { cleanAddress, describe, requiredName, requiredText } from '../../helpers/validation';
import { operationDescription, writeOptionsCollection } from '../common.descriptions';
import { locator, readId, requestEntry, requiredVerbatim } from '../library.common';

const text = (displayName: string, name: string, description: string): INodeProperties => ({
	displayName,
	name,
	type: 'string',
	default: '',
	description,
});

const properties: INodeProperties[] = [
	locator({
		displayName: 'Sequence',
		name: 'sequenceId',
		noun: 'sequence',
		searchListMethod: 'searchSequences',
		placeholder: 'e.g. sequence_abc123',
		description:
			'The sequence to add the email to. Use an ID from Get Many Sequences; do not make one up.',
	}),
	{
		displayName: 'Subject',
		placeholder: 'e.g. Welcome aboard, {{ visitor.first_name }}',
		name: 'subject',
		type: 'string',
		required: true,
		default: '',
		description: "The email's subject line",
	},
	{
		displayName: 'HTML',
		name: 'html',
		placeholder: 'e.g. <p>Hi {{ visitor.first_name }}, welcome!</p>',
		type: 'string',
		required: true,
		default: '',
		typeOptions: { rows: 6 },
		description: "The email's HTML body, sent exactly as given",
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add field',
		default: {},
		options: [
			text('BCC', 'bcc', 'Addresses to blind-copy, comma-separated'),
			text('CC', 'cc', 'Addresses to copy, comma-separated'),
			{
				displayName: 'Delay Interval',
				name: 'delay_interval',
				type: 'options',
				options: [
					{ name: 'Days', value: 'days' },
					{ name: 'Hours', value: 'hours' },
					{ name: 'Minutes', value: 'minutes' },
					{ name: 'Months', value: 'months' },
				],
				default: 'days',
				description: 'The unit of the wait before this email is sent',
			},
			{
				displayName: 'Delay Interval Count',
				name: 'delay_interval_count',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 1,
				description: 'How many Delay Intervals to wait before this email is sent',
			},
			text(
				'Editor Choice',
				'editor_choice',
				'The editor Bento opens the email in, as Bento names it',
			),
			text('Inbox Snippet', 'inbox_snippet', 'The preview text shown after the subject in inboxes'),
			text(
				'To',
				'to',
				'Overrides the recipient, e.g. a Liquid tag; leave unset for the subscriber',
			),
		],
	},
	writeOptionsCollection,
];

export const description = operationDescription('sequence', 'addEmail', properties);

interface NewEmail {
	sequenceId: string;
	template: IDataObject;
}

/**
 * `to` names a person, a Liquid tag or an address, cleaned like every identifier; an address
 * pasted as `Name <address>` or `mailto:` is read as its bare address, as in every address field.
 */
function recipient(value: unknown): Checked<string> {
	const pasted = typeof value === 'string' && isPasted(cleanEnds(value));
	return pasted ? cleanAddress(value, 'to') : requiredName(value, 'to');
}

/** CC and BCC take addresses separated by commas: an array, or its JSON text, is joined so. */
function copyList(value: unknown, key: string): Checked<string> {
	const json = typeof value === 'string' ? bracketedList(cleanEnds(value)) : value;
	if (!Array.isArray(json)) return requiredText(value, key);
	for (const address of json) {
		if (typeof address !== 'string')
			return new Invalid(key, `${key}: each address must be text (got ${describe(address)})`);
	}
	return requiredText(json.map((address: string) => address.trim()).join(', '), key);
}

/** The optional fields that are set, checked; empty text is left out. */
function extras(fields: IDataObject): Checked<IDataObject> {
	const result: IDataObject = {};
	for (const [key, value] of Object.entries(fields)) {
		if (key === 'delay_interval_count') {
			if (!Number.isInteger(value) || (value as number) < 0)
				return new Invalid(
					key,
					`${key} must be a whole number of 0 or more (got ${describe(value)})`,
				);
			result[key] = value;
			continue;
		}
		if (value === '' || value === undefined) continue;
		const checked =
			key === 'to'
				? recipient(value)
				: key === 'cc' || key === 'bcc'
					? copyList(value, key)
					: requiredText(value, key);
		if (checked instanceof Invalid) return checked;
		result[key] = checked;
	}
	return result;
}

function readEmail(ctx: IExecuteFunctions, i: number): Checked<NewEmail> {
	const sequenceId = readId(ctx, 'sequenceId', i);
	if (sequenceId instanceof Invalid) return sequenceId;
	const subject = requiredText(ctx.getNodeParameter('subject', i), 'subject');
	if (subject instanceof Invalid) return subject;
	const html = requiredVerbatim(ctx.getNodeParameter('html', i), 'html');
	if (html instanceof Invalid) return html;
	const more = extras(ctx.getNodeParameter('additionalFields', i, {}) as IDataObject);
	if (more instanceof Invalid) return more;
	return { sequenceId, template: { subject, html, ...more } };
}

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[][]> {
	return await executePerItem(this, items, {
		reader: (ctx) => (_item, i) => readEmail(ctx, i),
		run: async (transport, { sequenceId, template }, i) =>
			await requestEntry(
				this,
				transport,
				{
					method: 'POST',
					items: [i],
					endpoint: `/fetch/sequences/${encodeURIComponent(sequenceId)}/emails/templates`,
					body: { email_template: template },
					// A resend after a timeout could add the email twice.
					resend: 'ifNotSent',
				},
				`no sequence with ID "${sequenceId}"`,
			),
	});
}
