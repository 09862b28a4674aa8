import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';

import { searchEntries } from './listSearch';
import { pickerTransport, searchLists } from './pickerPages';

// Pickers for sequences, segments and email templates. Bento has no list of reports or forms,
// so those are entered by ID.

const text = (value: unknown) => (value === undefined || value === null ? '' : String(value));

/** The search of a picker of one paged list's entries: each shown by its name, picked by its ID. */
function searchByName(endpoint: string) {
	return async function (
		this: ILoadOptionsFunctions,
		filter?: string,
		paginationToken?: string,
	): Promise<INodeListSearchResult> {
		const spec = {
			endpoint,
			paged: true,
			name: (entry: IDataObject) => text(entry.name),
			value: (entry: IDataObject) => text(entry.id),
		};
		return await searchEntries(this, spec, filter, paginationToken);
	};
}

const searchSequences = searchByName('/fetch/sequences');
const searchSegments = searchByName('/fetch/segments');

const TEMPLATE_OWNERS = [
	['/fetch/sequences', 'sequence'],
	['/fetch/workflows', 'workflow'],
] as const;

/**
 * Bento has no list of email templates: the picker shows the emails of the sequences, then of
 * the workflows ("Welcome (sequence: Onboarding)"), read as searchLists reads pages.
 */
async function searchEmailTemplates(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const transport = await pickerTransport(this);
	const needle = filter?.trim().toLowerCase();
	const pick = (owners: IDataObject[], list: number) => {
		const kind = TEMPLATE_OWNERS[list][1];
		const results: INodeListSearchItems[] = [];
		for (const owner of owners) {
			const templates = Array.isArray(owner.email_templates) ? owner.email_templates : [];
			for (const template of templates as IDataObject[]) {
				const name = `${text(template.subject) || `#${text(template.id)}`} (${kind}: ${text(owner.name)})`;
				if (needle && !name.toLowerCase().includes(needle)) continue;
				results.push({ name, value: text(template.id) });
			}
		}
		return results;
	};
	const endpoints = TEMPLATE_OWNERS.map(([endpoint]) => endpoint);
	return await searchLists(transport, endpoints, paginationToken, pick, Boolean(needle));
}

export const listSearch = { searchSequences, searchSegments, searchEmailTemplates };
