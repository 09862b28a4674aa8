// The code n8n loads (nodes/, credentials/) imports n8n-workflow, node:crypto (both on n8n's
// Cloud allow-list) and its own files, nothing else. Dev code reaches Node through the dev-only
// package dev/host, which n8n's lint lets through as a devDependency: this keeps it out of the
// node, where neither the lint nor the scanner would see it (docs/development.md, "Lint").
import { readdirSync, readFileSync } from '@n8n-nodes-bentonow/dev-host/fs';
import path from '@n8n-nodes-bentonow/dev-host/path';
import { repoRoot } from '@n8n-nodes-bentonow/dev-host/repo';
import * as ts from 'typescript';

const SHIPPED = ['nodes', 'credentials'];
const PACKAGES = ['n8n-workflow', 'node:crypto'];

function sourcesUnder(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) return sourcesUnder(full);
		return entry.name.endsWith('.ts') ? [full] : [];
	});
}

/** Every module specifier of an import, export-from, require() or import() in `source`. */
function specifiers(source: string): string[] {
	return ts.preProcessFile(source, true, true).importedFiles.map((file) => file.fileName);
}

describe('what the shipped code imports', () => {
	const files = SHIPPED.flatMap((dir) => sourcesUnder(path.join(repoRoot, dir)));

	it('finds the sources and their imports', () => {
		expect(files.length).toBeGreaterThan(50);
		expect(files.flatMap((file) => specifiers(readFileSync(file, 'utf8')))).toContain(
			'n8n-workflow',
		);
	});

	it.each(SHIPPED)(
		'%s/ imports n8n-workflow, node:crypto and files of nodes/ and credentials/ only',
		(dir) => {
			const outside: string[] = [];
			for (const file of files.filter((f) => f.startsWith(path.join(repoRoot, dir, path.sep)))) {
				for (const specifier of specifiers(readFileSync(file, 'utf8'))) {
					if (PACKAGES.includes(specifier)) continue;
					const target = path.relative(repoRoot, path.resolve(path.dirname(file), specifier));
					const inside = specifier.startsWith('.') && SHIPPED.includes(target.split(path.sep)[0]);
					if (!inside) outside.push(`${path.relative(repoRoot, file)}: ${specifier}`);
				}
			}
			expect(outside).toEqual([]);
		},
	);

	it('would see a dev import', () => {
		expect(specifiers("import { readFileSync } from '@n8n-nodes-bentonow/dev-host/fs';")).toEqual([
			'@n8n-nodes-bentonow/dev-host/fs',
		]);
		expect(specifiers("const x = require('../../test/helpers/runNode');")).toEqual([
			'../../test/helpers/runNode',
		]);
	});
});
