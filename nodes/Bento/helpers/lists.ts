// Lists typed into a field that takes one tag, field key or address (`vip, customer`), or given
// as JSON (`["vip","customer"]`) or an array: split where each name can be its own request or
// command, refused where it cannot. See
// docs/audience.md (lists typed into a one-value field) for which operation does which.
import { cleanEnds, LIST_SEPARATOR } from './identifiers';
import { type Checked, Invalid } from './invalid';
import { bracketedList } from './jsonList';
import { describe, requiredName } from './validation';

/** `requiredName` for a field that takes exactly one name: a list (`vip, customer`) is refused. */
export function singleName(value: unknown, field: string, label = field): Checked<string> {
	const name = requiredName(value, field, label);
	if (name instanceof Invalid || !LIST_SEPARATOR.test(name)) return name;
	return new Invalid(
		field,
		`${label} "${name}" holds a list (a comma): it takes one name per item; make one item per name (e.g. with n8n's Split Out node)`,
	);
}

/**
 * The names of a field that may hold a list: text with commas (`vip, customer`), a JSON array as
 * text (`["vip","customer"]`: an AI agent's argument, a JSON column), or a real array of names;
 * each name cleaned as `requiredName`. A real array and its JSON text give the same names; an
 * element of an array must be text and holds no comma. Invalid when the field is missing, the list
 * is empty, or a name in it is empty.
 */
export function nameList(value: unknown, field: string): Checked<string[]> {
	const list = readList(value, field);
	// Blank text: requiredName says it is required.
	if (list === undefined) return requiredName(value, field) as Invalid;
	if (list instanceof Invalid) return list;
	if (list.length === 0)
		return new Invalid(field, `${field} is an empty list: give at least one name`);
	return list;
}

/** The names in `value`, or undefined for blank text. */
function readList(value: unknown, field: string): Checked<string[]> | undefined {
	if (Array.isArray(value)) return arrayNames(value, field, false);
	if (typeof value !== 'string') {
		const name = requiredName(value, field);
		return name instanceof Invalid ? name : [name];
	}
	const text = cleanEnds(value);
	if (text === '') return undefined;
	const bracketed = bracketedList(text);
	if (bracketed !== undefined) {
		if (!Array.isArray(bracketed))
			return new Invalid(field, `${field} "${text}" ${bracketed.notJson}`);
		return arrayNames(bracketed, field, true);
	}
	if (!LIST_SEPARATOR.test(text)) {
		const name = requiredName(text, field);
		return name instanceof Invalid ? name : [name];
	}
	return commaNames(value, field);
}

/** The names of `a, b`: split at commas. */
function commaNames(value: string, field: string): Checked<string[]> {
	const names: string[] = [];
	const parts = value.split(LIST_SEPARATOR);
	// An odd number of quotes in a part: the comma sat inside quotes (`"a,b", c` from a CSV).
	if (parts.some((part) => (part.match(/"/g) ?? []).length % 2 === 1)) {
		return new Invalid(
			field,
			`${field} "${value}" has a comma inside quotes: a name cannot hold a comma; remove the quotes or the comma`,
		);
	}
	for (let k = 0; k < parts.length; k++) {
		const name = requiredName(parts[k], field, `${field}: name ${k + 1} of "${value}"`);
		if (name instanceof Invalid) return name;
		names.push(name);
	}
	return names;
}

/** The names of an array (or of JSON text of one): each text, without a comma, not empty. */
function arrayNames(list: readonly unknown[], field: string, fromText: boolean): Checked<string[]> {
	const names: string[] = [];
	const source = fromText ? `of the JSON array ${field}` : `of ${field}`;
	for (let k = 0; k < list.length; k++) {
		const label = `${field}: name ${k + 1} ${source}`;
		const element = list[k];
		if (typeof element !== 'string')
			return new Invalid(field, `${label} must be text (got ${describe(element)})`);
		const name = requiredName(element, field, label);
		if (name instanceof Invalid) return name;
		if (LIST_SEPARATOR.test(name))
			return new Invalid(
				field,
				`${label} "${name}" holds a comma: Bento reads a comma as the separator of names, so no name holds one`,
			);
		names.push(name);
	}
	return names;
}
