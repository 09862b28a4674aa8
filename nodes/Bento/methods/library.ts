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
import { searchEntries } from './listSearch';

// Pickers for sequences, segments and email templates. Bento has no list of reports or forms,
// so those are entered by ID.

const text = (value: unknown) => (value === undefined || value === null ? '' : String(value));

async function searchSequences(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	return await searchEntries(
		this,
		{
			endpoint: '/fetch/sequences',
			paged: true,
			name: (entry) => text(entry.name),
			value: (entry) => text(entry.id),
		},
		filter,
	);
}

async function searchSegments(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	return await searchEntries(
		this,
		{
			endpoint: '/fetch/segments',
			paged: true,
			name: (entry) => text(entry.name),
			value: (entry) => text(entry.id),
		},
		filter,
	);
}

// Each list read for the picker stops here, so a huge account cannot stall the editor.
const MAX_ENTRIES = 500;

/**
 * Bento has no list of email templates: the picker shows the emails of the sequences and the
 * workflows ("Welcome (sequence: Onboarding)").
 */
async function searchEmailTemplates(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const transport = await BentoTransport.forExecution(this, {
		...readBatchOptions({}, requestOptions),
		maxRetries: 1,
	});
	const needle = filter?.trim().toLowerCase();
	const results: INodeListSearchItems[] = [];
	for (const [endpoint, kind] of [
		['/fetch/sequences', 'sequence'],
		['/fetch/workflows', 'workflow'],
	]) {
		const owners = await readList(transport, {
			endpoint,
			paged: true,
			returnAll: false,
			limit: MAX_ENTRIES,
			map: flattenEntry,
		});
		for (const owner of owners) {
			const templates = Array.isArray(owner.email_templates) ? owner.email_templates : [];
			for (const template of templates as IDataObject[]) {
				const name = `${text(template.subject) || `#${text(template.id)}`} (${kind}: ${text(owner.name)})`;
				if (needle && !name.toLowerCase().includes(needle)) continue;
				results.push({ name, value: text(template.id) });
			}
		}
	}
	return { results: results.sort((a, b) => a.name.localeCompare(b.name)) };
}

export const listSearch = { searchSequences, searchSegments, searchEmailTemplates };
