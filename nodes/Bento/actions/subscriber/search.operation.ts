import {
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
	NodeApiError,
} from 'n8n-workflow';

import { toEventDate } from '../../helpers/date';
import { flattenSubscriber } from '../../helpers/flatten';
import { type Checked, Invalid } from '../../helpers/invalid';
import { apiFailure } from '../../transport/attempt';
import { operationDescription } from '../common.descriptions';
import { executeList, listProperties } from '../library.common';

// `GET /fetch/search` (Bento's docs and OpenAPI file; no SDK has it): Enterprise accounts only,
// 100 subscribers a page, filters on four dates, each `{gt, lt}`, documented as a JSON body on
// the GET. n8n's HTTP helper sends no body with a GET, so they go in the query
// (`created_at[gt]=...`), which Rails reads into the same parameters as a JSON body.

/** Subscribers Bento puts on one page of a search. */
export const SEARCH_PAGE_SIZE = 100;

/** Each filterable date: Bento's key and the words of its two parameters. */
const DATES = [
	['created_at', 'created', 'Created'],
	['updated_at', 'updated', 'Updated'],
	['last_event_at', 'lastEvent', 'Last Event'],
	['unsubscribed_at', 'unsubscribed', 'Unsubscribed'],
] as const;

const dateOption = (name: string, displayName: string, description: string): INodeProperties => ({
	displayName,
	name,
	type: 'dateTime',
	default: '',
	description: `${description}. A time without an offset is read in the workflow's time zone.`,
});

const filters: INodeProperties = {
	displayName: 'Filters',
	name: 'filters',
	type: 'collection',
	placeholder: 'Add filter',
	default: {},
	options: DATES.flatMap(([, name, words]) => [
		dateOption(
			`${name}After`,
			`${words} After`,
			`Only subscribers ${words.toLowerCase()} after this time`,
		),
		dateOption(
			`${name}Before`,
			`${words} Before`,
			`Only subscribers ${words.toLowerCase()} before this time`,
		),
	]).sort((a, b) => a.displayName.localeCompare(b.displayName)),
};

export const description = operationDescription('subscriber', 'search', [
	{
		displayName: `Bento offers subscriber search to Enterprise accounts only; other accounts get an error saying so. Bento answers ${SEARCH_PAGE_SIZE} subscribers a page, most recent first.`,
		name: 'searchNotice',
		type: 'notice',
		default: '',
	},
	filters,
	...listProperties,
]);

/**
 * Item `i`'s filters as Bento takes them: `{created_at: {gt, lt}, ...}` with ISO 8601 times
 * (toEventDate, in the workflow's time zone); only those given. Invalid, naming the filter, for
 * a time that cannot be read or an After that is not before its Before.
 */
export function searchQuery(ctx: IExecuteFunctions, i: number): Checked<IDataObject> {
	const given = ctx.getNodeParameter('filters', i, {}) as IDataObject;
	const zone = ctx.getTimezone();
	const query: IDataObject = {};
	for (const [key, name, words] of DATES) {
		const range: IDataObject = {};
		for (const [side, suffix] of [
			['gt', 'After'],
			['lt', 'Before'],
		] as const) {
			const field = `${name}${suffix}`;
			const time = toEventDate(given[field], zone);
			if (time instanceof Invalid)
				return new Invalid(field, `${words} ${suffix}: ${time.message.replace(/^date /, '')}`);
			if (time !== undefined) range[side] = time;
		}
		if (range.gt && range.lt && Date.parse(range.gt as string) >= Date.parse(range.lt as string))
			return new Invalid(`${name}After`, `${words} After must be earlier than ${words} Before`);
		if (Object.keys(range).length > 0) query[key] = range;
	}
	return query;
}

/** A found subscriber: as Get puts one out, with Bento's link to it in the dashboard. */
function foundSubscriber(entry: IDataObject): IDataObject {
	const attributes = (entry.attributes ?? {}) as IDataObject;
	const url = attributes.navigation_url;
	return { ...flattenSubscriber(entry), ...(url === undefined ? {} : { navigation_url: url }) };
}

// Words by which a refusal other than a 403 says the account lacks the plan.
const PLAN_WORDS = /enterprise|upgrade|your plan/i;

/**
 * A failed search said plainly when it is Bento refusing the endpoint to this account: any 403,
 * or another 4xx (not a 429) whose words name the plan. Bento's exact answer to an account
 * without Enterprise is not documented. Anything else is given back as it was.
 */
export function enterpriseFailure(ctx: IExecuteFunctions, error: unknown): unknown {
	if (!(error instanceof NodeApiError)) return error;
	const status = String(error.httpCode ?? '');
	const words = `${error.message} ${error.description ?? ''}`;
	const refused =
		status === '403' || (/^4\d\d$/.test(status) && status !== '429' && PLAN_WORDS.test(words));
	if (!refused) return error;
	return apiFailure(ctx.getNode(), {
		message: `Subscriber Search needs a Bento Enterprise account: Bento refused it (${status})`,
		description: `Bento offers GET /fetch/search to Enterprise accounts only: ask Bento to enable it for this site, or use Subscriber → Get to look people up one by one. If other operations with this credential are refused as well, the cause is elsewhere: ${error.description ?? ''} Bento's answer: ${error.message}`,
		httpCode: status,
		maybeSent: false,
	});
}

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[][]> {
	return await executeList(this, items, {
		endpoint: '/fetch/search',
		paged: true,
		noun: 'subscribers',
		query: searchQuery,
		map: foundSubscriber,
		explainFailure: enterpriseFailure,
	});
}
