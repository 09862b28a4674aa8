import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { type Checked, Invalid } from '../helpers/invalid';
import { singleName } from '../helpers/lists';
import { requiredName } from '../helpers/validation';
import { fieldLocator } from './pickers.common';

interface RowsSpec {
	name: string;
	displayName: string;
	description: string;
	/** The key's parameter: a field picker, or a plain text input. */
	key: INodeProperties;
	/** The value's description (the value is text, or what an expression gives). */
	valueDescription: string;
	/** Shown under each row's value: where Bento's rules bite (n8n shows no hint on the rows). */
	valueHint?: string;
	placeholder?: string;
}

/**
 * Key/value rows (`<name>.values[k].key` / `.value`) that a user fills by dragging values from
 * the input panel. Shown in Define Below mode.
 */
export function keyValueRows(spec: RowsSpec): INodeProperties {
	return {
		displayName: spec.displayName,
		name: spec.name,
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: spec.placeholder ?? 'Add field',
		default: {},
		description: spec.description,
		options: [
			{
				displayName: 'Field',
				name: 'values',
				values: [
					spec.key,
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
						description: spec.valueDescription,
						...(spec.valueHint ? { hint: spec.valueHint } : {}),
					},
				],
			},
		],
		displayOptions: { show: { mappingMode: ['defineBelow'] } },
	};
}

/**
 * Rows whose keys are the account's custom fields (Import's picker: From List, By Name), with
 * Bento's rules for profile fields as hints: new keys create fields, values are flat.
 */
export function fieldRows(
	spec: Omit<RowsSpec, 'key' | 'valueHint'> & { keyDescription: string; keyPlaceholder: string },
): INodeProperties {
	const { keyDescription, keyPlaceholder, ...rows } = spec;
	return keyValueRows({
		...rows,
		key: fieldLocator({
			displayName: 'Key',
			name: 'key',
			description: keyDescription,
			placeholder: keyPlaceholder,
			hint: 'A key Bento does not know yet creates the field',
		}),
		valueHint: 'A flat value: text, a number or a boolean (no objects or lists)',
	});
}

/** For `readRows` of field rows: a field key takes one key, not a list (`plan, tier`). */
export function refuseKeyList(key: string, field: string): Invalid | undefined {
	const single = singleName(key, field);
	return single instanceof Invalid ? single : undefined;
}

/**
 * The rows of collection `name` for item `i` as one object `{key: value}`, a later row winning
 * over an earlier one with the same key. `refuse` may reject a key (naming `name[k].key`).
 * Invalid when a key is empty.
 */
export function readRows(
	ctx: IExecuteFunctions,
	name: string,
	i: number,
	refuse?: (key: string, field: string) => Invalid | undefined,
): Checked<IDataObject> {
	const entries = ctx.getNodeParameter(`${name}.values`, i, []) as IDataObject[];
	const result: IDataObject = {};
	for (let k = 0; k < entries.length; k++) {
		const field = `${name}[${k}].key`;
		const key = requiredName(
			ctx.getNodeParameter(`${name}.values[${k}].key`, i, '', { extractValue: true }),
			field,
		);
		if (key instanceof Invalid) return key;
		const refused = refuse?.(key, field);
		if (refused) return refused;
		result[key] = entries[k].value as IDataObject[string];
	}
	return result;
}
