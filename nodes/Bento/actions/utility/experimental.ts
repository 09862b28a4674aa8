import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { outputProperties, type SimplifySpec } from '../../engines/output';
import { executePerItem } from '../../engines/perItem';
import type { ItemReader } from '../../engines/readItem';
import { type Checked, Invalid } from '../../helpers/invalid';
import { requiredText } from '../../helpers/validation';
import type { BentoRequest, BentoTransport } from '../../transport';
import { operationDescription, requestOptionsCollection } from '../common.descriptions';
import type { BentoOperation, Operation } from '../node.type';

// Sources disagree whether the experimental inputs go in the query (Go, Laravel, Python, the
// OpenAPI file, the official n8n node) or in a JSON body (the Node SDK). A POST sends them in
// both, so either reading works; the query only while it stays short, so that long content
// cannot make an over-long URL. GETs use the query.
export const MAX_QUERY_CHARS = 2000;

/** The request for an experimental endpoint with these inputs (empty ones left out). */
export function experimentalRequest(
	method: 'GET' | 'POST',
	endpoint: string,
	inputs: IDataObject,
): BentoRequest {
	const given: IDataObject = {};
	for (const [key, value] of Object.entries(inputs))
		if (value !== undefined && value !== '') given[key] = value;
	if (method === 'GET') return { method, endpoint, qs: given };
	const asQuery = new URLSearchParams(given as Record<string, string>).toString();
	return {
		method,
		endpoint,
		body: given,
		qs: asQuery.length <= MAX_QUERY_CHARS ? given : undefined,
	};
}

/** The reader of a utility that takes one required text parameter, as `{[name]: text}`. */
function oneTextInput<K extends string>(
	name: K,
	check: (value: unknown, field: string) => Checked<string> = requiredText,
): (ctx: IExecuteFunctions) => ItemReader<Record<K, string>> {
	return (ctx) => (_item, i) => {
		const value = check(ctx.getNodeParameter(name, i), name);
		return value instanceof Invalid ? value : ({ [name]: value } as Record<K, string>);
	};
}

export interface UtilitySpec<P extends IDataObject> {
	reader(ctx: IExecuteFunctions): ItemReader<P>;
	/** Its request carries `items: [itemIndex]` (see BentoRequest.items). */
	run(transport: BentoTransport, params: P, itemIndex: number): Promise<IDataObject>;
	/** Offers Simplify on the answer (engines/output.ts). */
	simplify?: SimplifySpec;
}

/**
 * A utility check: one request per item, and one per distinct input (the same address twice
 * is checked once). An empty answer is put out as it is, never an error.
 */
export async function executeUtility<P extends IDataObject>(
	ctx: IExecuteFunctions,
	items: INodeExecutionData[],
	spec: UtilitySpec<P>,
): Promise<INodeExecutionData[][]> {
	return await executePerItem(ctx, items, {
		...spec,
		shareKey: (params) => JSON.stringify(params),
	});
}

export interface TextUtilitySpec<K extends string> {
	operation: BentoOperation<'utility'>;
	/** The one parameter; its `name` is the input's key in the request. */
	property: INodeProperties & { name: K };
	/** How the text is checked; `requiredText` (trimmed) unless given. */
	check?: (value: unknown, field: string) => Checked<string>;
	method: 'GET' | 'POST';
	endpoint: string;
	/** The output item from the input and Bento's answer; the answer as it is unless given. */
	output?(inputs: Record<K, string>, body: IDataObject): IDataObject;
	/** Offers Simplify on the output item (engines/output.ts). */
	simplify?: SimplifySpec;
}

/**
 * A whole utility that sends one text parameter to an experimental endpoint: its description
 * (the parameter and the options, shown for its operation only) and its execute.
 */
export function textUtility<K extends string>(spec: TextUtilitySpec<K>): Operation {
	return {
		description: operationDescription('utility', spec.operation, [
			spec.property,
			...(spec.simplify ? outputProperties(spec.simplify) : []),
			requestOptionsCollection,
		]),
		async execute(this: IExecuteFunctions, items: INodeExecutionData[]) {
			return await executeUtility<Record<K, string>>(this, items, {
				reader: oneTextInput(spec.property.name, spec.check),
				simplify: spec.simplify,
				run: async (transport, inputs, i) => {
					const request = experimentalRequest(spec.method, spec.endpoint, inputs);
					const { body } = await transport.request({ ...request, items: [i] });
					return spec.output ? spec.output(inputs, body) : body;
				},
			});
		},
	};
}
