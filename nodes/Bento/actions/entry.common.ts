import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { executePerItem } from '../engines/perItem';
import { flattenEntry } from '../helpers/flatten';
import { Invalid } from '../helpers/invalid';
import { singleName } from '../helpers/lists';
import { operationDescription, writeOptionsCollection } from './common.descriptions';
import type { Operation } from './node.type';

// Tags and fields: Bento creates one per request, from one key in a wrapper object.

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
			// One entry per item: a typed list ("vip, customer") is refused, not split, since Bento
			// does not document its answer to creating an existing entry, so an item done in part
			// could not be safely run again.
			const value = singleName(c.getNodeParameter(spec.key, i), spec.key);
			return value instanceof Invalid ? value : { value };
		},
		run: async (transport, { value }, i) => {
			const body = { [spec.wrapper]: { [spec.key]: value } };
			const { body: answer } = await transport.post(spec.endpoint, body, { items: [i] });
			const data = answer.data;
			return data && typeof data === 'object' && !Array.isArray(data)
				? flattenEntry(data as IDataObject)
				: { [spec.key]: value };
		},
	});
}

export interface CreateEntryOperationSpec {
	/** The one parameter; its `name` is the key inside the wrapper. */
	property: INodeProperties;
	endpoint: string;
	/** The body's wrapper key: `tag` for `{tag: {name}}`. */
	wrapper: string;
}

/**
 * A whole Create operation of `resource` (Tag, Field): its description (the parameter and the
 * options, shown for that resource's Create only) and its execute (`executeCreateEntry`).
 */
export function createEntryOperation(
	resource: 'tag' | 'field',
	spec: CreateEntryOperationSpec,
): Operation {
	return {
		description: operationDescription(resource, 'create', [spec.property, writeOptionsCollection]),
		async execute(this: IExecuteFunctions, items: INodeExecutionData[]) {
			return await executeCreateEntry(this, items, {
				endpoint: spec.endpoint,
				wrapper: spec.wrapper,
				key: spec.property.name,
			});
		},
	};
}
