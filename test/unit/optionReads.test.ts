import { readdirSync, readFileSync } from '@n8n-nodes-bentonow/dev-host/fs';
import { join, relative } from '@n8n-nodes-bentonow/dev-host/path';
import { repoRoot } from '@n8n-nodes-bentonow/dev-host/repo';

import type { INodeProperties } from 'n8n-workflow';

import { operations } from '../../nodes/Bento/actions/router';

// n8n keeps only the declared keys of a collection: reading `options.ifNotFoud` gives the
// default, silently. Every read of an option in the node's code must name an option that the
// Options collection declares (the operation's own, in its operation file; any operation's,
// in shared code). Parameters given in tests are held likewise by runBentoNode.

const root = repoRoot;
const nodesDir = join(root, 'nodes');

type Table = Record<string, Record<string, { description: INodeProperties[] }>>;

/** The option names of an operation's Options collection. */
function declaredOptions(description: INodeProperties[]): string[] {
	return description
		.filter((p) => p.name === 'options' && p.type === 'collection')
		.flatMap((p) => (p.options ?? []).map((o) => (o as INodeProperties).name));
}

const byFile = new Map<string, Set<string>>();
const everywhere = new Set<string>();
for (const [resource, ops] of Object.entries(operations as unknown as Table)) {
	for (const [operation, { description }] of Object.entries(ops)) {
		const names = declaredOptions(description);
		byFile.set(`Bento/actions/${resource}/${operation}.operation.ts`, new Set(names));
		for (const name of names) everywhere.add(name);
	}
}

/**
 * The option names `source` reads: `getNodeParameter('options.x')`, `options.x` in the actions
 * (where `options` is the collection's value) and `value('x')` in engines/options.ts.
 */
export function optionReads(file: string, source: string): string[] {
	const patterns = [/'options\.(\w+)'/g];
	if (file.startsWith('Bento/actions/')) patterns.push(/(?<![.\w])options\.(\w+)/g);
	if (file === 'Bento/engines/options.ts') patterns.push(/\bvalue(?:<[^>]*>)?\('(\w+)'\)/g);
	return [
		...new Set(patterns.flatMap((pattern) => [...source.matchAll(pattern)].map((m) => m[1]))),
	];
}

function sourceFiles(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
		entry.isDirectory()
			? sourceFiles(join(dir, entry.name))
			: entry.name.endsWith('.ts')
				? [join(dir, entry.name)]
				: [],
	);
}

const reads = sourceFiles(nodesDir).flatMap((path) => {
	const file = relative(nodesDir, path).replace(/\\/g, '/');
	return optionReads(file, readFileSync(path, 'utf8')).map((name) => ({ file, name }));
});

describe('every option the code reads is declared', () => {
	test('the scan finds the reads it is meant to find', () => {
		const names = reads.map((r) => r.name);
		for (const name of ['ifNotFound', 'uniqueKey', 'retryMaybeSent', 'maxRateLimitWait'])
			expect(names).toContain(name);
		expect(optionReads('Bento/actions/x/y.operation.ts', "get('options.ifNotFoud')")).toEqual([
			'ifNotFoud',
		]);
	});

	test.each(reads.map((r) => [`${r.file}: options.${r.name}`, r.file, r.name]))(
		'%s',
		(_label, file, name) => {
			const declared = byFile.get(file) ?? everywhere;
			expect([...declared]).toContain(name);
		},
	);
});
