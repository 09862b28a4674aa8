import type {
	IDataObject,
	IDisplayOptions,
	IExecuteFunctions,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import { withBuilderHint } from '../helpers/builderHint';

// Output shaped the way n8n's UX guidelines for nodes ask: an answer of more than 10 fields gets
// a Simplify switch, and a node used as an AI tool an Output choice (Simplified / Raw / Selected
// Fields) so a model is not flooded. Both are new in node version 1.2; a node saved at an earlier
// version keeps the output it had (`SimplifySpec.before12`).

/** The node version that brought Simplify, Output and `{deleted: true}`. */
export const OUTPUT_VERSION = 1.2;

/**
 * What an operation declares to offer Simplify (one line in its spec):
 * - `fields`: the keys a simplified output item keeps, in this order (at most 10); keys the
 *   answer lacks are left out.
 * - `more`: further top-level keys of the full answer (Bento's documented ones), so that the AI
 *   tool's Selected Fields can offer every key.
 * - `before12`: what versions 1 and 1.1 put out: `raw` (the full answer, the default) or
 *   `simplified` (Subscriber Get and Create always put out the six keys of `fields`).
 */
export interface SimplifySpec {
	fields: readonly string[];
	more?: readonly string[];
	before12?: 'raw' | 'simplified';
}

/** The output choice of one item: the keys to keep, or `undefined` for the full answer. */
export type OutputChoice = { keep: readonly string[] | undefined };

type OutputMode = 'simplified' | 'raw' | 'selected';

const fromVersion12: IDisplayOptions['show'] = { '@version': [{ _cnd: { gte: OUTPUT_VERSION } }] };

/**
 * The parameters of an operation that offers Simplify, shown only for node version 1.2 and later:
 * Simplify (boolean, on) for a node in a workflow; Output and Fields when the node runs as an AI
 * tool (n8n's `@tool`, as its own HTTP Request tool shows its response options). `spec` gives
 * the Fields choice its keys.
 */
export function outputProperties(spec: SimplifySpec): INodeProperties[] {
	const keys = [...spec.fields, ...(spec.more ?? [])];
	const fieldOptions: INodePropertyOptions[] = keys.map((key) => ({ name: key, value: key }));
	return [
		withBuilderHint(
			{
				displayName: 'Simplify',
				name: 'simplify',
				type: 'boolean',
				default: true,
				description: `Whether to return a simplified version of the response instead of the raw data: ${spec.fields.join(', ')}`,
				displayOptions: { show: fromVersion12, hide: { '@tool': [true] } },
			},
			{
				propertyHint:
					'Leave on unless a later node needs a field of the full Bento answer not in the simplified list',
			},
		),
		{
			displayName: 'Output',
			name: 'output',
			type: 'options',
			default: 'simplified',
			options: [
				{
					name: 'Simplified',
					value: 'simplified',
					description: `Only ${spec.fields.join(', ')}`,
				},
				{ name: 'Raw', value: 'raw', description: "Bento's whole answer" },
				{ name: 'Selected Fields', value: 'selected', description: 'Only the fields chosen below' },
			],
			description: 'What the tool returns to the AI agent; fewer fields use fewer tokens',
			displayOptions: { show: { ...fromVersion12, '@tool': [true] } },
		},
		{
			displayName: 'Fields',
			name: 'outputFields',
			type: 'multiOptions',
			options: fieldOptions,
			default: [],
			description: 'The fields of the answer to return to the AI agent',
			displayOptions: { show: { ...fromVersion12, '@tool': [true], output: ['selected'] } },
		},
	];
}

/**
 * Item `itemIndex`'s output choice under `spec`: before version 1.2 what that version put out
 * (`spec.before12`); then the AI tool's Output when n8n kept it (it keeps only parameters shown,
 * so Output exists only when the node runs as a tool), else Simplify (on unless set off).
 */
export function readOutputChoice(
	ctx: Pick<IExecuteFunctions, 'getNode' | 'getNodeParameter'>,
	spec: SimplifySpec,
	itemIndex: number,
): OutputChoice {
	if (ctx.getNode().typeVersion < OUTPUT_VERSION)
		return { keep: spec.before12 === 'simplified' ? spec.fields : undefined };
	const mode = ctx.getNodeParameter('output', itemIndex, '') as OutputMode | '';
	if (mode === 'selected')
		return { keep: ctx.getNodeParameter('outputFields', itemIndex, []) as string[] };
	if (mode !== '') return { keep: mode === 'simplified' ? spec.fields : undefined };
	const simplify = ctx.getNodeParameter('simplify', itemIndex, true) as boolean;
	return { keep: simplify ? spec.fields : undefined };
}

/** `entry` with only the keys of `choice` (in that order), or `entry` itself for the full answer. */
export function applyOutputChoice(entry: IDataObject, choice: OutputChoice): IDataObject {
	if (choice.keep === undefined) return entry;
	const kept: IDataObject = {};
	for (const key of choice.keep) if (Object.hasOwn(entry, key)) kept[key] = entry[key];
	return kept;
}

/**
 * The answer of a delete (n8n's guideline for deletes), from version 1.2 on: `{deleted: true}`
 * when the entry is gone (removed now, or by an earlier attempt), else `{deleted: false, ...}`
 * with `before12`'s facts. Versions before 1.2 put out `before12`, as they did.
 */
export function deletedAnswer(
	ctx: Pick<IExecuteFunctions, 'getNode'>,
	deleted: boolean,
	before12: IDataObject,
): IDataObject {
	if (ctx.getNode().typeVersion < OUTPUT_VERSION) return before12;
	return deleted ? { deleted: true } : { deleted: false, ...before12 };
}
