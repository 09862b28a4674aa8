import type {
	IDataObject,
	IDisplayOptions,
	IExecuteFunctions,
	INodeProperties,
} from 'n8n-workflow';

import { withBuilderHint } from '../../helpers/builderHint';
import { toEventDate } from '../../helpers/date';
import { type Checked, Invalid } from '../../helpers/invalid';
import { describe } from '../../helpers/validation';

// Create Broadcasts' Delivery: a draft (as always), sent, or scheduled. Bento's SDKs document
// `approved` (without it a broadcast stays a draft) and `send_at` (ISO 8601) on each broadcast of
// POST /batch/broadcasts (BENTO-API.md, "Broadcast scheduling and approval").

export type Delivery = 'draft' | 'send' | 'schedule';

const DELIVERIES: Delivery[] = ['draft', 'send', 'schedule'];

const notice = (
	name: string,
	displayName: string,
	show: IDisplayOptions['show'],
): INodeProperties => ({
	displayName,
	name,
	type: 'notice',
	default: '',
	displayOptions: { show },
});

// For n8n 2.x's AI workflow builder: a send is the workflow builder's choice, never a guess.
const SEND_CHOICE_HINT = {
	propertyHint:
		'Keep Save as Draft unless the user explicitly asked to send or schedule: Send and Schedule email real people and cannot be undone. Do not leave this to an AI agent ($fromAI) unless the user asked for that.',
};

/**
 * Delivery and Send At, with a notice for each choice. Delivery is a plain options parameter:
 * when the node runs as an AI tool, n8n gives the model only parameters holding `$fromAI()`, and
 * its editor offers no "let the model define this" for options; so the model cannot send unless
 * the builder writes `$fromAI()` here on purpose.
 */
export const deliveryProperties: INodeProperties[] = [
	withBuilderHint(
		{
			displayName: 'Delivery',
			name: 'delivery',
			type: 'options',
			options: [
				{
					name: 'Save as Draft',
					value: 'draft',
					description:
						'Bento keeps the broadcast as a draft; nothing is emailed until someone sends it in Bento',
				},
				{
					name: 'Send',
					value: 'send',
					description: 'Bento approves the broadcast and emails its recipients right away',
				},
				{
					name: 'Schedule',
					value: 'schedule',
					description: 'Bento approves the broadcast and emails its recipients at Send At',
				},
			],
			default: 'draft',
			description: 'Whether Bento only saves the broadcast, or sends it now or at a set time',
		},
		SEND_CHOICE_HINT,
	),
	{
		displayName: 'Send At',
		name: 'sendAt',
		type: 'dateTime',
		// Not `required`: n8n shows it whenever Delivery is an expression ($fromAI), and would then
		// refuse to run a workflow without it; the node asks for it when Schedule is chosen.
		default: '',
		displayOptions: { show: { delivery: ['schedule'] } },
		description:
			"When Bento starts sending: ISO 8601 (e.g. 2026-06-02T09:00:00-04:00) or a date from an expression. A time without an offset is read in the workflow's time zone; it must be in the future.",
	},
	notice(
		'draftNotice',
		'Bento creates each broadcast as a draft: nothing is emailed until someone reviews and sends or schedules it in Bento.',
		{ delivery: ['draft'] },
	),
	notice(
		'sendNotice',
		'Each broadcast is approved: Bento emails all its recipients, with no review in Bento. A request Bento may have taken is never sent again (even with Retry Maybe-Sent Requests on): the error says which broadcasts to look for in Bento. Try Options → Dry Run first.',
		{ delivery: ['send', 'schedule'] },
	),
	notice(
		'toolDeliveryNotice',
		"As an AI tool, Delivery is yours, not the model's: the model can only change it if you set an expression with $fromAI() here.",
		{ '@tool': [true] },
	),
];

/** Said with every broadcast batch that may have been created. */
export const BROADCAST_ADVICE =
	"Bento may have created these broadcasts before the connection failed, so they were not sent again. Look for them by name in Bento's Broadcasts before creating them again.";

/**
 * `value` as Bento's `send_at`: ISO 8601 in UTC to the second (`2026-06-02T13:00:00Z`). Read as
 * Create Events reads a date (toEventDate: a time without an offset is in `zone`). Invalid,
 * naming `sendAt`, when empty, unreadable, not after `now` (ms), or past the year 9999.
 */
export function toSendAt(value: unknown, zone: string, now: number): Checked<string> {
	const read = toEventDate(value, zone);
	// toEventDate names its field "date".
	if (read instanceof Invalid)
		return new Invalid('sendAt', read.message.replace(/^date\b/, 'sendAt'));
	if (read === undefined)
		return new Invalid('sendAt', 'sendAt is required when Delivery is Schedule');
	const ms = Date.parse(read);
	if (!(ms <= Date.UTC(9999, 11, 31, 23, 59, 59)))
		return new Invalid(
			'sendAt',
			`sendAt ${read} is not a time Bento takes (ISO 8601, years to 9999)`,
		);
	const utc = new Date(ms - (ms % 1000)).toISOString().replace('.000Z', 'Z');
	if (ms <= now)
		return new Invalid(
			'sendAt',
			`sendAt ${read} (${utc}) is not in the future: choose Delivery "Send" to send now`,
		);
	return utc;
}

/** What item `i`'s Delivery adds to its broadcast: nothing, `{approved}` or `{approved, send_at}`. */
export function readDelivery(
	ctx: IExecuteFunctions,
	i: number,
	zone: string,
	now: number,
): Checked<{ approved?: true; send_at?: string }> {
	const delivery = ctx.getNodeParameter('delivery', i, 'draft') as Delivery;
	if (!DELIVERIES.includes(delivery))
		return new Invalid(
			'delivery',
			`delivery must be "draft", "send" or "schedule" (got ${typeof delivery === 'string' ? JSON.stringify(delivery) : describe(delivery)})`,
		);
	if (delivery === 'draft') return {};
	if (delivery === 'send') return { approved: true };
	const sendAt = toSendAt(ctx.getNodeParameter('sendAt', i, ''), zone, now);
	return sendAt instanceof Invalid ? sendAt : { approved: true, send_at: sendAt };
}

/**
 * What to check in Bento for a batch that may have been created, when it holds approved
 * broadcasts: their names (up to 5), which an approved one may already be emailing.
 */
export function approvedCheck(broadcasts: IDataObject[]): string | undefined {
	const names = broadcasts.filter((b) => b.approved === true).map((b) => `"${String(b.name)}"`);
	if (names.length === 0) return undefined;
	const more = names.length > 5 ? ` and ${names.length - 5} more` : '';
	return `Check Bento's Broadcasts for ${names.slice(0, 5).join(', ')}${more} before running this again: one that is listed is approved (scheduled or sending), and creating it again would email its recipients twice.`;
}
