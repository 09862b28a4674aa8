import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { executePerItem } from '../../engines/perItem';
import { toEventDate } from '../../helpers/date';
import { type Checked, Invalid } from '../../helpers/invalid';
import { zoneOffsetMinutes } from '../../helpers/timeZone';
import { operationDescription, requestOptionsCollection } from '../common.descriptions';
import { readStats } from './statsOperation';

// `GET /stats/ads` (Bento's Node SDK, getAdsStats): sign-ups, customers and revenue attributed to
// a UTM dimension or an ad, optionally for one value and a date range. It counts against the
// /stats hourly limit like the other stats reads: items asking the same share one request.

const dimensions = [
	['Ad', 'ad', 'Each ad'],
	['Campaign', 'campaign', 'Each utm_campaign'],
	['Content', 'content', 'Each utm_content'],
	['Medium', 'medium', 'Each utm_medium'],
	['Source', 'source', 'Each utm_source'],
] as const;

const revenueModes = [
	['All Revenue', 'all_revenue', 'Every purchase counts'],
	['First Revenue', 'first_revenue', "Only each customer's first purchase counts"],
	['Subscriptions', 'subscriptions', 'Only subscription revenue counts'],
] as const;

const dateFilter = (displayName: string, name: string, description: string): INodeProperties => ({
	displayName,
	name,
	type: 'dateTime',
	default: '',
	description: `${description}. Sent as a date (YYYY-MM-DD); a time without an offset is read in the workflow's time zone.`,
});

export const description = operationDescription('stats', 'getAds', [
	{
		displayName: 'Dimension',
		name: 'dimension',
		type: 'options',
		options: dimensions.map(([name, value, words]) => ({ name, value, description: words })),
		default: 'source',
		description: 'What the breakdown is by: a UTM parameter of the sign-ups, or the ad',
	},
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add filter',
		default: {},
		options: [
			dateFilter('End Date', 'endDate', 'The last day counted'),
			{
				displayName: 'Revenue Mode',
				name: 'revenueMode',
				type: 'options',
				options: revenueModes.map(([name, value, words]) => ({ name, value, description: words })),
				default: 'all_revenue',
				description: 'Which revenue is attributed',
			},
			dateFilter('Start Date', 'startDate', 'The first day counted'),
			{
				displayName: 'Value',
				name: 'value',
				type: 'string',
				default: '',
				placeholder: 'e.g. youtube',
				description: 'Only this value of the dimension (e.g. the source "youtube")',
			},
		],
	},
	requestOptionsCollection,
]);

/**
 * A date filter as `YYYY-MM-DD` (the date part of toEventDate's reading), or undefined. An
 * instant with no written offset (epoch milliseconds, a JS Date) is the day it falls on in
 * `zone`, not in UTC.
 */
function dayOf(
	value: unknown,
	zone: string,
	field: string,
	words: string,
): Checked<string | undefined> {
	const time = toEventDate(value, zone);
	if (time instanceof Invalid)
		return new Invalid(field, `${words}: ${time.message.replace(/^date /, '')}`);
	if (time === undefined || !(typeof value === 'number' || value instanceof Date))
		return time?.slice(0, 10);
	const ms = Date.parse(time);
	try {
		return new Date(ms + zoneOffsetMinutes(zone, ms) * 60_000).toISOString().slice(0, 10);
	} catch {
		return new Invalid(field, `the workflow's time zone "${zone}" is unknown`);
	}
}

/**
 * Item `i`'s query: `{dimension, value?, start_date?, end_date?, revenue_mode?}`, only what is
 * given. Invalid, naming the field, for an unknown dimension or revenue mode, a date that cannot
 * be read, or a Start Date after the End Date.
 */
export function adsQuery(ctx: IExecuteFunctions, i: number): Checked<IDataObject> {
	const dimension = ctx.getNodeParameter('dimension', i, 'source') as string;
	if (!dimensions.some(([, value]) => value === dimension))
		return new Invalid(
			'dimension',
			`Dimension "${dimension}" is not one of ${dimensions.map(([, v]) => v).join(', ')}`,
		);
	const filters = ctx.getNodeParameter('filters', i, {}) as IDataObject;
	const zone = ctx.getTimezone();
	const start = dayOf(filters.startDate, zone, 'startDate', 'Start Date');
	if (start instanceof Invalid) return start;
	const end = dayOf(filters.endDate, zone, 'endDate', 'End Date');
	if (end instanceof Invalid) return end;
	if (start && end && start > end)
		return new Invalid('startDate', `Start Date ${start} is after End Date ${end}`);
	const mode = filters.revenueMode;
	if (mode !== undefined && !revenueModes.some(([, value]) => value === mode))
		return new Invalid(
			'revenueMode',
			`Revenue Mode "${String(mode)}" is not one of ${revenueModes.map(([, v]) => v).join(', ')}`,
		);
	const value = typeof filters.value === 'string' ? filters.value.trim() : filters.value;
	const query: IDataObject = { dimension };
	if (value !== undefined && value !== '') query.value = String(value);
	if (start) query.start_date = start;
	if (end) query.end_date = end;
	if (mode !== undefined) query.revenue_mode = mode;
	return query;
}

/** One read per distinct query; Bento's answer put out as it is. */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[][]> {
	return await executePerItem(this, items, {
		reader: (ctx) => (_item, i) => adsQuery(ctx, i),
		shareKey: (query) => JSON.stringify(query),
		run: async (transport, query) => await readStats(transport, '/stats/ads', query),
	});
}
