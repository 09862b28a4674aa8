import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';

import { readBatchOptions, requestOptions } from '../engines/options';
import { entriesOf } from '../engines/pagedReader';
import { flattenEntry } from '../helpers/flatten';
import { BentoTransport } from '../transport';
import { systemClock } from '../transport/clock';

/** How long a picker reuses a list page Bento sent (ms): typing a search costs no request. */
export const PICKER_CACHE_MS = 60_000;
/** List pages kept for pickers in this process at most (all accounts). */
export const MAX_PICKER_PAGES = 200;
/** How long a picker's request waits for its turn in its account's line (ms) before failing. */
export const PICKER_MAX_WAIT_MS = 60_000;

interface CachedPage {
	at: number;
	entries: Promise<IDataObject[]>;
}

// Keyed by account (a hash, see accountKey), endpoint and page: no secret, no entry of another account.
const pages = new Map<string, CachedPage>();

/** The transport a picker's search uses: one retry, a short wait for its turn. */
export async function pickerTransport(ctx: ILoadOptionsFunctions): Promise<BentoTransport> {
	return await BentoTransport.forExecution(ctx, {
		...readBatchOptions({}, requestOptions),
		maxRetries: 1,
		maxRateLimitWaitMs: PICKER_MAX_WAIT_MS,
	});
}

/**
 * One page of a Bento list (`page` undefined: an endpoint without pages), flattened, from the
 * cache when Bento sent it less than PICKER_CACHE_MS ago; else read with one request
 * (`requested`), unless `mayRequest` is false (then undefined). Searches at once share a request.
 */
export function listPage(
	transport: BentoTransport,
	endpoint: string,
	page: number | undefined,
	mayRequest: boolean,
): { entries: Promise<IDataObject[]>; requested: boolean } | undefined {
	const now = systemClock.now();
	const key = `${transport.account}|${endpoint}|${page ?? ''}`;
	const cached = pages.get(key);
	if (cached && now - cached.at < PICKER_CACHE_MS)
		return { entries: cached.entries, requested: false };
	if (!mayRequest) return undefined;
	const qs = page === undefined ? undefined : { page };
	const entries = transport
		.request({ method: 'GET', endpoint, qs })
		.then(({ body }) => entriesOf(body).map(flattenEntry));
	// A failed read is not kept: the next search asks again.
	entries.catch(() => pages.delete(key));
	pages.delete(key);
	pages.set(key, { at: now, entries });
	for (const [old, page] of pages)
		if (pages.size > MAX_PICKER_PAGES || now - page.at >= PICKER_CACHE_MS) pages.delete(old);
		else break;
	return { entries, requested: true };
}

// A guard against an endpoint that answers pages forever.
const MAX_PAGES = 100;

/**
 * Pages a search text may read from Bento in one search (pages read less than PICKER_CACHE_MS
 * ago cost nothing), looking for its first match: a name on a later page is found, and one
 * search spends at most this many of the account's requests. Browsing without a text reads one.
 */
export const PICKER_SEARCH_MAX_REQUESTS = 5;

/** The entries of `page` of `endpoint` as JSON when they are in the cache; else undefined. */
async function cachedPageText(
	transport: BentoTransport,
	endpoint: string,
	page: number,
): Promise<string | undefined> {
	const read = page < 1 ? undefined : listPage(transport, endpoint, page, false);
	return read ? JSON.stringify(await read.entries) : undefined;
}

/**
 * Searches the paged lists `endpoints` one after the other, from where `token` says ("list:page",
 * as the previous search returned it; the start when undefined), reading pages from the cache
 * and from Bento: one page when browsing, up to PICKER_SEARCH_MAX_REQUESTS when `searching` (a
 * text was typed). Stops after the first page that gives results (`pick` turns a page's entries
 * into them; `list` is the endpoint's index). A list ends at an empty page or one equal to the
 * page before (an endpoint that ignores `page`). The token is where the next search (the picker
 * scrolled to its end) goes on; undefined when every list has been read.
 */
export async function searchLists(
	transport: BentoTransport,
	endpoints: string[],
	token: string | undefined,
	pick: (entries: IDataObject[], list: number) => INodeListSearchItems[],
	searching = false,
): Promise<INodeListSearchResult> {
	const [from, start] = (token ?? '0:1').split(':').map(Number);
	let list = Number.isInteger(from) && from >= 0 ? from : 0;
	let page = Number.isInteger(start) && start >= 1 ? start : 1;
	const budget = searching ? PICKER_SEARCH_MAX_REQUESTS : 1;
	let requests = 0;
	let before = await cachedPageText(transport, endpoints[list] ?? '', page - 1);
	const results: INodeListSearchItems[] = [];
	while (list < endpoints.length && results.length === 0) {
		const read = listPage(transport, endpoints[list], page, requests < budget);
		if (!read) break;
		if (read.requested) requests++;
		const entries = await read.entries;
		const text = JSON.stringify(entries);
		if (entries.length === 0 || page >= MAX_PAGES || text === before) {
			list++;
			page = 1;
			before = undefined;
			continue;
		}
		results.push(...pick(entries, list));
		before = text;
		page++;
	}
	results.sort((a, b) => a.name.localeCompare(b.name));
	return { results, paginationToken: list < endpoints.length ? `${list}:${page}` : undefined };
}

/** Test-only: forgets every cached page. */
export function resetPickerPagesForTests(): void {
	pages.clear();
}
