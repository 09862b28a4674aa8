import type { INodeProperties } from 'n8n-workflow';

// n8n keeps only the declared keys of a collection parameter and drops the others without a
// word: a misspelled option in a test (or a read of an undeclared one) would silently test the
// default. runBentoNode refuses such parameters instead.

type Parameters = Record<string, unknown>;

const isObject = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/** The value a displayOptions key names: the parameter given, else the default of the shown property. */
function valueOf(
	properties: INodeProperties[],
	parameters: Parameters,
	name: string,
	depth: number,
) {
	if (name in parameters) return parameters[name];
	const property = properties.find(
		(p) => p.name === name && depth < 4 && isShown(properties, parameters, p, depth + 1),
	);
	return property?.default;
}

function isShown(
	properties: INodeProperties[],
	parameters: Parameters,
	property: INodeProperties,
	depth = 0,
): boolean {
	const show = property.displayOptions?.show ?? {};
	return Object.entries(show).every(
		([key, values]) =>
			key.startsWith('@') ||
			(values as unknown[]).includes(valueOf(properties, parameters, key, depth)),
	);
}

/**
 * The keys of `parameters`' collections (`options.retryDlay`) that no collection shown for these
 * parameters declares: each one n8n would drop.
 */
export function undeclaredCollectionKeys(
	properties: INodeProperties[],
	parameters: Parameters,
): string[] {
	const undeclared: string[] = [];
	for (const [name, value] of Object.entries(parameters)) {
		if (!isObject(value)) continue;
		const collections = properties.filter(
			(p) => p.name === name && p.type === 'collection' && isShown(properties, parameters, p),
		);
		if (collections.length === 0) continue;
		const declared = new Set(
			collections.flatMap((p) => (p.options ?? []).map((o) => (o as INodeProperties).name)),
		);
		for (const key of Object.keys(value)) if (!declared.has(key)) undeclared.push(`${name}.${key}`);
	}
	return undeclared;
}
