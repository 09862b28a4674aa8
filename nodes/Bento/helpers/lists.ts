// Lists typed into a field that takes one tag, field key or address (`vip, customer`): split
// where each name can be its own request or command, refused where it cannot. See
// docs/pending/input.md for which operation does which.
import { LIST_SEPARATOR } from './identifiers';
import { type Checked, Invalid } from './invalid';
import { requiredName } from './validation';

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
 * The names of a field that may hold a list typed as text (`vip, customer`): one or more names,
 * each cleaned as `requiredName`. Invalid when the field is missing or a name in it is empty.
 */
export function nameList(value: unknown, field: string): Checked<string[]> {
	if (typeof value !== 'string' || !LIST_SEPARATOR.test(value)) {
		const name = requiredName(value, field);
		return name instanceof Invalid ? name : [name];
	}
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
