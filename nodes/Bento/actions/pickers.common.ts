import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

interface LocatorSpec {
	displayName: string;
	name: string;
	description: string;
	placeholder: string;
	/** Shown under the picker, e.g. that a new name creates the tag. */
	hint?: string;
}

function locator(spec: LocatorSpec, searchListMethod: string, what: string): INodeProperties {
	return {
		displayName: spec.displayName,
		name: spec.name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: spec.description,
		...(spec.hint ? { hint: spec.hint } : {}),
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: `Select a ${what}...`,
				typeOptions: { searchListMethod, searchable: true },
			},
			{
				displayName: 'By Name',
				name: 'name',
				type: 'string',
				placeholder: spec.placeholder,
			},
		],
	};
}

/** A tag picker: Bento's tags from GET /fetch/tags, or a name typed or set by an expression. */
export function tagLocator(spec: LocatorSpec): INodeProperties {
	return locator(spec, 'searchTags', 'tag');
}

/** A field picker: Bento's custom field keys from GET /fetch/fields, or a key by name. */
export function fieldLocator(spec: LocatorSpec): INodeProperties {
	return locator(spec, 'searchFields', 'field');
}

export interface TagRowsSpec {
	displayName: string;
	name: string;
	description: string;
	/** The key each row sits under: `${name}.${rowName}` holds the rows. */
	rowName: string;
	/** The picker of one row, named `tag`. */
	tag: INodeProperties;
	displayOptions?: IDisplayOptions;
}

/** Rows of tags, one picker a row ("Add tag"): Import's Tags, a broadcast's Inclusive Tags. */
export function tagRows(spec: TagRowsSpec): INodeProperties {
	return {
		displayName: spec.displayName,
		name: spec.name,
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add tag',
		default: {},
		description: spec.description,
		options: [{ displayName: 'Tag', name: spec.rowName, values: [spec.tag] }],
		...(spec.displayOptions ? { displayOptions: spec.displayOptions } : {}),
	};
}
