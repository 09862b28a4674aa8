import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { listPage, pickerTransport, searchLists } from './pickerPages';

export interface SearchSpec {
	endpoint: string;
	paged: boolean;
	/** The entry's name as shown in the picker. */
	name(entry: IDataObject): string;
	/** What the parameter receives when the entry is picked. */
	value(entry: IDataObject): string;
}

/**
 * Lists Bento entries for a resource locator, filtered by the text typed in the picker: a list
 * without pages in one request; a paged list one page per search, or with a text up to
 * PICKER_SEARCH_MAX_REQUESTS pages until one matches (`paginationToken` goes on from there);
 * answers reused for a minute (see pickerPages).
 */
export async function searchEntries(
	ctx: ILoadOptionsFunctions,
	spec: SearchSpec,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const transport = await pickerTransport(ctx);
	const needle = filter?.trim().toLowerCase();
	const pick = (entries: IDataObject[]) =>
		entries
			.map((entry) => ({ name: spec.name(entry), value: spec.value(entry) }))
			.filter(
				(entry) => entry.name !== '' && (!needle || entry.name.toLowerCase().includes(needle)),
			);
	if (spec.paged)
		return await searchLists(transport, [spec.endpoint], paginationToken, pick, Boolean(needle));
	const entries = await (listPage(transport, spec.endpoint, undefined, true)?.entries ?? []);
	return { results: pick(entries).sort((a, b) => a.name.localeCompare(b.name)) };
}

/** Tag names, as commands, imports and broadcasts take them. */
export async function searchTags(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const name = (entry: IDataObject) => String(entry.name ?? '');
	return await searchEntries(
		this,
		{ endpoint: '/fetch/tags', paged: false, name, value: name },
		filter,
	);
}

/** Custom field keys, as commands and imports take them. */
export async function searchFields(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const key = (entry: IDataObject) => String(entry.key ?? entry.name ?? '');
	return await searchEntries(
		this,
		{ endpoint: '/fetch/fields', paged: false, name: key, value: key },
		filter,
	);
}

/** Live tags by name, giving their ID (Tag → Delete); discarded tags are left out. */
export async function searchTagIds(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	// An entry named '' is not shown: a discarded tag gets that name here.
	const name = (entry: IDataObject) =>
		entry.discarded_at === null || entry.discarded_at === undefined ? String(entry.name ?? '') : '';
	const id = (entry: IDataObject) => String(entry.id ?? '');
	return await searchEntries(
		this,
		{ endpoint: '/fetch/tags', paged: false, name, value: id },
		filter,
	);
}
