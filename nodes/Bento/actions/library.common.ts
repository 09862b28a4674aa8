import {
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
	NodeOperationError,
} from 'n8n-workflow';

import { outputProperties, type SimplifySpec } from '../engines/output';
import { listParameters, type ListSpec, readList } from '../engines/pagedReader';
import { executePerItem, notFoundVerdict, type WriteEffect, writeEffect } from '../engines/perItem';
import { flattenEntry } from '../helpers/flatten';
import { type Checked, Invalid } from '../helpers/invalid';
import { isPlainObject, requiredName, requiredText } from '../helpers/validation';
import type { BentoRequest, BentoTransport } from '../transport';
import {
	operationDescription,
	requestOptionsCollection,
	returnAllOrLimit,
} from './common.descriptions';
import type { BentoOperation, BentoResource, Operation } from './node.type';

// Parts of the operations that read and write Bento's library entries by ID (pickers, one entry,
// whole lists). Which operations use them is what imports this file; it is not listed here.

export interface LocatorSpec {
	displayName: string;
	name: string;
	/** What one entry is, for texts: "sequence". */
	noun: string;
	searchListMethod: string;
	placeholder: string;
	description: string;
}

/** A picker of Bento entries, with "By ID" for expressions and AI Agents. */
export function locator(spec: LocatorSpec): INodeProperties {
	return {
		displayName: spec.displayName,
		name: spec.name,
		type: 'resourceLocator',
		required: true,
		default: { mode: 'list', value: '' },
		description: spec.description,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: `Select a ${spec.noun}...`,
				typeOptions: { searchListMethod: spec.searchListMethod, searchable: true },
			},
			{ displayName: 'By ID', name: 'id', type: 'string', placeholder: spec.placeholder },
		],
	};
}

/**
 * Item `i`'s ID from a picker or a plain text parameter, cleaned like every identifier
 * (`requiredName`: spaces and invisible characters removed at the ends); numbers are accepted.
 */
export function readId(ctx: IExecuteFunctions, name: string, i: number): Checked<string> {
	const value = ctx.getNodeParameter(name, i, '', { extractValue: true });
	return requiredName(typeof value === 'number' ? String(value) : value, name);
}

/** The object in Bento's `{data: {...}}` envelope, or the body when there is none. */
export function dataOf(body: IDataObject): IDataObject {
	return isPlainObject(body.data) ? body.data : body;
}

/**
 * One entry by ID (GET, PATCH, POST or DELETE), flattened. A 404 is judged by `notFoundVerdict`:
 * Bento has no such entry, said so as this item's error instead of the transport's "no such
 * endpoint" (saying too when an earlier attempt may have reached Bento); or, for a write that
 * removes the entry, an earlier attempt did it: then `{}`, a success.
 */
export async function requestEntry(
	ctx: IExecuteFunctions,
	transport: BentoTransport,
	request: BentoRequest,
	missing: string,
	effect: WriteEffect = writeEffect(request.method),
): Promise<IDataObject> {
	const response = await transport.request({ ...request, acceptStatuses: [404] });
	const verdict = notFoundVerdict(response, effect);
	if (verdict === 'doneBefore') return {};
	if (verdict !== 'answer') {
		const earlier =
			verdict === 'notFoundAfterMaybeSent'
				? ' An earlier attempt of this request may have reached Bento before this answer: check the entry in Bento.'
				: '';
		throw new NodeOperationError(ctx.getNode(), `Bento answered 404: ${missing}`, {
			description: `Check the ID (pick it from the list to be sure). A wrong Base URL in the credential also answers 404.${earlier}`,
		});
	}
	return flattenEntry(dataOf(response.body));
}

export interface GetEntrySpec {
	/** The picker or text parameter holding the ID. */
	parameter: string;
	/** The collection's path; the entry is `${endpoint}/${id}`. */
	endpoint: string;
	/** What one entry is, for the not-found error: "segment". */
	noun: string;
}

/** Reads one entry by ID per item; items asking for the same ID share one request. */
export async function executeGetEntry(
	ctx: IExecuteFunctions,
	items: INodeExecutionData[],
	spec: GetEntrySpec,
): Promise<INodeExecutionData[][]> {
	return await executePerItem(ctx, items, {
		reader: (c) => (_item, i) => readId(c, spec.parameter, i),
		shareKey: (id) => id,
		run: async (transport, id) =>
			await requestEntry(
				ctx,
				transport,
				{ method: 'GET', endpoint: `${spec.endpoint}/${encodeURIComponent(id)}` },
				`no ${spec.noun} with ID "${id}"`,
			),
	});
}

/**
 * A whole Get operation of `resource` by one picker (`property`, whose name is the parameter
 * read): its description (the picker and the options, shown for that operation only) and its
 * execute (`executeGetEntry`).
 */
export function getEntryOperation<R extends BentoResource>(
	resource: R,
	operation: BentoOperation<R>,
	property: INodeProperties,
	spec: Omit<GetEntrySpec, 'parameter'>,
): Operation {
	return {
		description: operationDescription(resource, operation, [property, requestOptionsCollection]),
		async execute(this: IExecuteFunctions, items: INodeExecutionData[]) {
			return await executeGetEntry(this, items, { ...spec, parameter: property.name });
		},
	};
}

/** The parameters of a list operation: Return All / Limit and the options. */
export const listProperties: INodeProperties[] = [...returnAllOrLimit, requestOptionsCollection];

/** listProperties, with Simplify (and the AI tool's Output) before the options when declared. */
function listPropertiesFor(simplify: SimplifySpec | undefined): INodeProperties[] {
	if (!simplify) return listProperties;
	return [...returnAllOrLimit, ...outputProperties(simplify), requestOptionsCollection];
}

export interface ListSource {
	endpoint: string;
	/** Whether the endpoint takes `page`. */
	paged: boolean;
	/** One entry as put out; `flattenEntry` unless given. */
	map?: (entry: IDataObject) => IDataObject;
}

export interface ListOperationSpec extends ListSource {
	/** What the entries are, plural, for the hint on items that got none: "sequences". */
	noun: string;
	/** Item `i`'s query (e.g. a form ID), or why the item cannot go. */
	query?(ctx: IExecuteFunctions, i: number): Checked<IDataObject>;
	/** The error to throw instead of a failed read's (e.g. one that names a plan Bento requires). */
	explainFailure?(ctx: IExecuteFunctions, error: unknown): unknown;
	/** Offers Simplify on the entries (engines/output.ts). */
	simplify?: SimplifySpec;
	/** The parameters `query` reads, shown before Return All / Limit (Broadcast's Status). */
	properties?: INodeProperties[];
}

/**
 * Every entry of `source` the parameters ask for (Return All / Limit, the query), each put out
 * by `source.map` (flattened unless given): the one read of a list, for the list operations and
 * the Form Response Trigger.
 */
export async function readEntries(
	transport: BentoTransport,
	source: ListSource,
	params: Pick<ListSpec, 'qs' | 'returnAll' | 'limit'>,
): Promise<IDataObject[]> {
	return await readList(transport, {
		...params,
		endpoint: source.endpoint,
		paged: source.paged,
		map: source.map ?? flattenEntry,
	});
}

/**
 * A list operation: one read per distinct set of parameters (items that ask the same get the
 * same answer without another request), one output item per entry, flattened.
 */
export async function executeList(
	ctx: IExecuteFunctions,
	items: INodeExecutionData[],
	spec: ListOperationSpec,
): Promise<INodeExecutionData[][]> {
	return await executePerItem(ctx, items, {
		reader: (c) => (_item, i) => {
			const qs = spec.query?.(c, i);
			return qs instanceof Invalid ? qs : { ...listParameters(c, i), qs };
		},
		shareKey: (params) => JSON.stringify(params),
		run: async (transport, params) => {
			try {
				return await readEntries(transport, spec, params);
			} catch (error) {
				throw spec.explainFailure?.(ctx, error) ?? error;
			}
		},
		simplify: spec.simplify,
		emptyHint: (indexes) =>
			`Bento returned no ${spec.noun} for ${indexes.length === 1 ? 'item' : 'items'} ${indexes.join(', ')}`,
	});
}

/**
 * A whole list operation: its description (its own `properties`, then Return All / Limit and the
 * options, shown for `resource` and `operation` only) and its execute (`executeList`).
 */
export function listOperation<R extends BentoResource>(
	resource: R,
	operation: BentoOperation<R>,
	spec: ListOperationSpec,
): Operation {
	return {
		description: operationDescription(resource, operation, [
			...(spec.properties ?? []),
			...listPropertiesFor(spec.simplify),
		]),
		async execute(this: IExecuteFunctions, items: INodeExecutionData[]) {
			return await executeList(this, items, spec);
		},
	};
}

/** Required text sent exactly as given (HTML, content to moderate): not trimmed. */
export function requiredVerbatim(value: unknown, field: string): Checked<string> {
	const checked = requiredText(value, field);
	return checked instanceof Invalid ? checked : (value as string);
}
