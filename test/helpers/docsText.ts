import type { INodeProperties } from 'n8n-workflow';
import { readFileSync } from '@n8n-nodes-bentonow/dev-host/fs';
import { join } from '@n8n-nodes-bentonow/dev-host/path';
import { repoRoot } from '@n8n-nodes-bentonow/dev-host/repo';

// How test/unit/docs.test.ts finds a number in a page: a row names the constant, its value, the
// page and the phrase around the number.

/** The repository's root. */
export const root = repoRoot;

export interface Documented {
	/** The constant, for the failure message. */
	constant: string;
	/** Its value in the unit the docs use (minutes, seconds...). */
	value: number;
	file: string;
	phrase: string;
}

/** A number a script states in its source (`e2e/run.js` runs when required, so it is read as text). */
export function sourceNumber(file: string, pattern: RegExp): number {
	const found = pattern.exec(readFileSync(join(root, file), 'utf8'));
	if (!found) throw new Error(`No ${pattern} in ${file}`);
	return Number(found[1]);
}

/** A row from `file|phrase`. */
export function row(constant: string, value: number, at: string): Documented {
	const split = at.indexOf('|');
	return { constant, value, file: at.slice(0, split), phrase: at.slice(split + 1) };
}

const NUMBER = String.raw`(\d[\d,]*(?:\.\d+)?|an?|one)`;

/** The phrase as a pattern: `#` a number, any white space one or more, the rest literal. */
function patternOf(phrase: string): RegExp {
	const parts = phrase
		.replace(/\*/g, '')
		.trim()
		.split(/\s+/)
		.map((word) =>
			word
				.split('#')
				.map((text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
				.join(NUMBER),
		);
	return new RegExp(parts.join('\\s+'), 'gi');
}

function numberOf(text: string): number {
	const word = text.toLowerCase();
	if (word === 'a' || word === 'an' || word === 'one') return 1;
	return Number(text.replace(/,/g, ''));
}

/** How `text` (one page) disagrees with a row: one line per mismatch, or a missing phrase. */
export function mismatches(documented: Documented, text: string): string[] {
	const plain = text.replace(/\*/g, '');
	const found = [...plain.matchAll(patternOf(documented.phrase))];
	if (found.length === 0)
		return [
			`${documented.file}: no "${documented.phrase}" (${documented.constant} is ${documented.value})`,
		];
	return found.flatMap((match) =>
		match
			.slice(1)
			.filter((n) => numberOf(n) !== documented.value)
			.map(
				(n) =>
					`${documented.file}: "${match[0].replace(/\s+/g, ' ')}" says ${n}, but ${documented.constant} is ${documented.value}`,
			),
	);
}

const pages = new Map<string, string>();
/** A page of the repository (a path from its root), read once. */
export function page(file: string): string {
	let text = pages.get(file);
	if (text === undefined) {
		text = readFileSync(join(root, file), 'utf8');
		pages.set(file, text);
	}
	return text;
}

/** A property of a node description, found by name, options collections included. */
function findProperty(properties: INodeProperties[], name: string): INodeProperties | undefined {
	for (const property of properties) {
		if (property.name === name) return property;
		const found = findProperty((property.options ?? []) as INodeProperties[], name);
		if (found) return found;
	}
	return undefined;
}

export function propertyOf(properties: INodeProperties[], name: string): INodeProperties {
	const property = findProperty(properties, name);
	if (!property) throw new Error(`No property "${name}"`);
	return property;
}
