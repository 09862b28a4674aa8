import {
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { executeBatchWrite } from '../../engines/batchWriter';
import type { ItemReader } from '../../engines/readItem';
import { Invalid } from '../../helpers/invalid';
import { sendingOptions, sendOnce } from '../sending.common';
import { operationDescription, optionsCollection } from '../common.descriptions';
import { tagRows } from '../pickers.common';
import { approvedCheck, BROADCAST_ADVICE, deliveryProperties, readDelivery } from './delivery';
import { type BentoBroadcast, broadcastAnswer, toBentoBroadcast } from './toBentoBroadcast';

// Bento's limit per request (its OpenAPI file; no source gives another).
export const MAX_BROADCASTS = 100;

const options = sendingOptions({ noun: 'Broadcasts', max: MAX_BROADCASTS });

function tagPicker(displayName: string, name: string, description: string): INodeProperties {
	return tagRows({
		displayName,
		name,
		description,
		rowName: 'tags',
		tag: {
			displayName: 'Tag',
			name: 'tag',
			type: 'resourceLocator',
			default: { mode: 'list', value: '' },
			description: 'A tag of the Bento site',
			modes: [
				{
					displayName: 'From List',
					name: 'list',
					type: 'list',
					typeOptions: { searchListMethod: 'searchTags', searchable: true },
				},
				{
					displayName: 'By Name',
					name: 'name',
					type: 'string',
					placeholder: 'e.g. customers',
				},
			],
		},
	});
}

const properties: INodeProperties[] = [
	...deliveryProperties,
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. May newsletter',
		description: 'Internal name of the broadcast, shown in Bento',
	},
	{
		displayName: 'Subject',
		placeholder: 'e.g. New in May: our summer picks',
		name: 'subject',
		type: 'string',
		required: true,
		default: '',
		description: 'Subject line of the email',
	},
	{
		displayName: 'Content',
		name: 'content',
		placeholder: 'e.g. <p>Hi {{ visitor.first_name }}, here is what is new.</p>',
		type: 'string',
		typeOptions: { rows: 6 },
		required: true,
		default: '',
		description:
			'The email body, sent exactly as given; Bento fills Liquid tags such as {{ visitor.first_name }}',
	},
	{
		displayName: 'Type',
		name: 'type',
		type: 'options',
		options: [
			{
				name: 'Plain',
				value: 'plain',
				description: "The content inside Bento's own email styling",
			},
			{
				name: 'Raw',
				value: 'raw',
				description: 'The content is the whole HTML email, used as it is',
			},
		],
		default: 'plain',
		description:
			'How Bento renders the content. Plain and Raw are the values of Bento\'s docs; newer SDKs name "html" and "markdown", which an expression can give.',
	},
	{
		displayName: 'From Email',
		name: 'fromEmail',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. news@yourshop.com',
		description: 'Sender address; it must be an author of the Bento site',
	},
	{
		displayName: 'From Name',
		name: 'fromName',
		type: 'string',
		default: '',
		placeholder: 'e.g. Your Shop',
		description: "Sender name shown to recipients; empty leaves it to Bento (the author's name)",
	},
	tagPicker('Inclusive Tags', 'inclusiveTags', 'Subscribers with these tags receive the broadcast'),
	tagPicker(
		'Exclusive Tags',
		'exclusiveTags',
		'Subscribers with these tags are left out, even when an inclusive tag or the segment matches',
	),
	{
		displayName: 'Segment ID',
		hint: "Segment → Get Many lists the site's segments with their IDs",
		name: 'segmentId',
		type: 'string',
		default: '',
		description: 'ID of a Bento segment whose subscribers receive the broadcast; empty for none',
	},
	{
		displayName: 'Batch Size Per Hour',
		name: 'batchSizePerHour',
		type: 'number',
		typeOptions: { minValue: 1 },
		required: true,
		default: 1000,
		description: 'How many recipients Bento sends the broadcast to per hour once it is sent',
	},
	optionsCollection(options),
];

export const description = operationDescription('broadcast', 'create', properties);

function reader(ctx: IExecuteFunctions): ItemReader<BentoBroadcast> {
	const get = (name: string, i: number, fallback?: unknown) =>
		ctx.getNodeParameter(name, i, fallback) as unknown;
	// A new parameter: read in the workflow's time zone at every node version.
	const zone = ctx.getTimezone();
	const now = Date.now();
	return (_item, i) => {
		const broadcast = toBentoBroadcast({
			name: get('name', i),
			subject: get('subject', i),
			content: get('content', i),
			type: get('type', i),
			fromEmail: get('fromEmail', i),
			fromName: get('fromName', i, ''),
			inclusiveTags: get('inclusiveTags.tags', i, []),
			exclusiveTags: get('exclusiveTags.tags', i, []),
			segmentId: get('segmentId', i, ''),
			batchSizePerHour: get('batchSizePerHour', i),
		});
		if (broadcast instanceof Invalid) return broadcast;
		const delivery = readDelivery(ctx, i, zone, now);
		return delivery instanceof Invalid ? delivery : { ...broadcast, ...delivery };
	};
}

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[][]> {
	const chosen = this.getNodeParameter('options', 0, {}) as { retryMaybeSent?: boolean };
	return await executeBatchWrite(this, items, {
		endpoint: '/batch/broadcasts',
		bodyKey: 'broadcasts',
		recordKey: 'broadcast',
		noun: 'broadcasts',
		max: MAX_BROADCASTS,
		options,
		...sendOnce(chosen, 'broadcasts'),
		maybeSentAdvice: BROADCAST_ADVICE,
		// An approved broadcast emails its recipients: never twice, whatever the options.
		neverResend: (broadcast) => broadcast.approved === true,
		maybeSentCheck: approvedCheck,
		fromAnswer: broadcastAnswer,
		answerNamesRejected: true,
		reader,
	});
}
