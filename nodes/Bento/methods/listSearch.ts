import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';

import { readBatchOptions, requestOptions } from '../engines/options';
import { readList } from '../engines/pagedReader';
import { flattenEntry } from '../helpers/flatten';
import { BentoTransport } from '../transport';

export interface SearchSpec {
	endpoint: string;
	paged: boolean;
	/** The entry's name as shown in the picker. */
	name(entry: IDataObject): string;
	/** What the parameter receives when the entry is picked. */
	value(entry: IDataObject): string;
}

// A picker reads at most this many entries, so a huge account cannot stall the editor.
export const MAX_ENTRIES = 1000;

/** Lists Bento entries for a resource locator, filtered by the text typed in the picker. */
export async function searchEntries(
	ctx: ILoadOptionsFunctions,
	spec: SearchSpec,
	filter?: string,
): Promise<INodeListSearchResult> {
	const transport = await BentoTransport.forExecution(ctx, {
		...readBatchOptions({}, requestOptions),
		maxRetries: 1,
	});
	const entries = await readList(transport, {
		endpoint: spec.endpoint,
		paged: spec.paged,
		returnAll: false,
		limit: MAX_ENTRIES,
		map: flattenEntry,
	});
	const needle = filter?.trim().toLowerCase();
	const results: INodeListSearchItems[] = entries
		.map((entry) => ({ name: spec.name(entry), value: spec.value(entry) }))
		.filter((entry) => entry.name !== '' && (!needle || entry.name.toLowerCase().includes(needle)))
		.sort((a, b) => a.name.localeCompare(b.name));
	return { results };
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
