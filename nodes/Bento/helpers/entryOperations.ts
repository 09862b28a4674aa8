import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { requestOptions, returnAllOrLimit } from '../actions/common.descriptions';
import { executePerItem } from '../engines/perItem';
import { listParameters, readList } from '../engines/pagedReader';
import { flattenEntry } from './flatten';
import { Invalid } from './invalid';
import { requiredText } from './validation';

// Tags and fields: Bento lists each in one unpaged answer and creates one per request.

const optionsCollection: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add option',
	default: {},
	options: requestOptions,
};

/** The parameters of a Get Many over an unpaged list: Return All / Limit and the request options. */
export const getAllProperties: INodeProperties[] = [...returnAllOrLimit, optionsCollection];

/** The request options of a Create. */
export const createOptions = optionsCollection;

/**
 * Lists `endpoint` (one request, not paged) for each item, flattening Bento's JSON:API entries;
 * items asking for the same count share one request, to spare the rate limit.
 */
export async function executeGetAll(
	ctx: IExecuteFunctions,
	items: INodeExecutionData[],
	endpoint: string,
): Promise<INodeExecutionData[][]> {
	return await executePerItem(ctx, items, {
		reader: (c) => (_item, i) => listParameters(c, i),
		shareKey: ({ returnAll, limit }) => (returnAll ? 'all' : String(limit)),
		run: async (transport, list) =>
			await readList(transport, { endpoint, paged: false, map: flattenEntry, ...list }),
	});
}

export interface CreateEntrySpec {
	endpoint: string;
	/** The body's wrapper key: `tag` for `{tag: {name}}`. */
	wrapper: string;
	/** The key inside the wrapper, and the node parameter that holds it. */
	key: string;
}

/** Creates one entry per item (`POST endpoint {wrapper: {key}}`) and puts out Bento's answer, flat. */
export async function executeCreateEntry(
	ctx: IExecuteFunctions,
	items: INodeExecutionData[],
	spec: CreateEntrySpec,
): Promise<INodeExecutionData[][]> {
	return await executePerItem(ctx, items, {
		reader: (c) => (_item, i) => {
			const value = requiredText(c.getNodeParameter(spec.key, i), spec.key);
			return value instanceof Invalid ? value : { value };
		},
		run: async (transport, { value }) => {
			const { body } = await transport.post(spec.endpoint, {
				[spec.wrapper]: { [spec.key]: value },
			});
			const data = body.data;
			return data && typeof data === 'object' && !Array.isArray(data)
				? flattenEntry(data as IDataObject)
				: { [spec.key]: value };
		},
	});
}
