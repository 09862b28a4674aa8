import { readFileSync } from '@n8n-nodes-bentonow/dev-host/fs';
import { dirname, join } from '@n8n-nodes-bentonow/dev-host/path';
import { repoRoot } from '@n8n-nodes-bentonow/dev-host/repo';

import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import * as ts from 'typescript';

import { Bento } from '../../nodes/Bento/Bento.node';
import { operationPicker } from '../../nodes/Bento/actions/common.descriptions';
import type { BentoResource, OperationsOf } from '../../nodes/Bento/actions/node.type';
import { findOperation, type OperationTable, operations } from '../../nodes/Bento/actions/router';

// Lines that must not compile. Jest only transpiles (isolatedModules), so the test below runs the
// type checker on this file: a misspelling that compiles leaves its @ts-expect-error unused (TS2578).
export function misspellings(): unknown[] {
	const { create, getAll } = operations.tag;
	return [
		// @ts-expect-error: a misspelled operation is not in the router's table
		operations.tag.delet,
		// @ts-expect-error: a misspelled resource is not a resource
		'tags' satisfies BentoResource,
		// @ts-expect-error: a misspelled operation key in a table
		{ ...operations, tag: { getAll, create, creat: create } } satisfies OperationTable,
		// @ts-expect-error: a table that forgets an operation
		{ ...operations, tag: { getAll } } satisfies OperationTable,
		// @ts-expect-error: a resource's operations with a misspelled value
		{ getAll, create, creat: create } satisfies OperationsOf<'tag'>,
		// @ts-expect-error: a resource's operations that forget one
		{ getAll } satisfies OperationsOf<'tag'>,
		// @ts-expect-error: a picker value that is not one of the resource's operations
		operationPicker('tag', [{ name: 'Delete', value: 'delet', action: 'Delete a tag' }], 'getAll'),
		// @ts-expect-error: a picker default that is not one of the resource's operations
		operationPicker('tag', [], 'creat'),
	];
}

const DIRECTIVE = '// @ts-expect-error';

/** Type errors per file, for in-memory files checked together (one program: the checker runs once). */
function typeErrors(files: Record<string, string>): Record<string, ts.Diagnostic[]> {
	const configPath = join(repoRoot, 'test/tsconfig.json');
	const { config } = ts.readConfigFile(configPath, ts.sys.readFile);
	const { options } = ts.parseJsonConfigFileContent(config, ts.sys, dirname(configPath));
	const compilerOptions = { ...options, isolatedModules: false, noEmit: true, incremental: false };
	const host = ts.createCompilerHost(compilerOptions);
	const { readFile, fileExists } = host;
	host.readFile = (name) => files[name] ?? readFile.call(host, name);
	host.fileExists = (name) => name in files || fileExists.call(host, name);
	const program = ts.createProgram(Object.keys(files), compilerOptions, host);
	const diagnostics = ts.getPreEmitDiagnostics(program);
	return Object.fromEntries(
		Object.keys(files).map((name) => [name, diagnostics.filter((d) => d.file?.fileName === name)]),
	);
}

function lineOf(d: ts.Diagnostic): number {
	return d.file ? d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1 : 0;
}

describe('router types', () => {
	const fileName = join(repoRoot, 'test/unit/router.types.test.ts').replace(/\\/g, '/');
	const strippedName = fileName.replace(/\.test\.ts$/, '.stripped.ts');
	const source = readFileSync(fileName, 'utf8');
	const lines = source.split('\n');
	const expected = lines.filter((line) => line.trim().startsWith(DIRECTIVE)).length;
	const stripped = lines.map((line) => (line.trim().startsWith(DIRECTIVE) ? '' : line)).join('\n');
	let errors: Record<string, ts.Diagnostic[]>;
	beforeAll(() => {
		errors = typeErrors({ [fileName]: source, [strippedName]: stripped });
	});

	it('this file type-checks: every misspelling above is a compile error', () => {
		expect(expected).toBe(8);
		const render = (d: ts.Diagnostic) =>
			`${lineOf(d)}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
		expect(errors[fileName].map(render)).toEqual([]);
	});

	it('without the directives, each of those lines is an error (the check above can fail)', () => {
		expect(new Set(errors[strippedName].map(lineOf)).size).toBe(expected);
	});
});

describe('router table', () => {
	const properties = new Bento().description.properties;
	const pickerValues = (p: INodeProperties) =>
		(p.options as INodePropertyOptions[]).map((o) => String(o.value)).sort();

	it('every resource of the picker has exactly the operations its Operation picker offers', () => {
		const resources = properties.find((p) => p.name === 'resource')!;
		expect(pickerValues(resources)).toEqual(Object.keys(operations).sort());
		for (const resource of Object.keys(operations) as BentoResource[]) {
			const picker = properties.find(
				(p) => p.name === 'operation' && p.displayOptions?.show?.resource?.[0] === resource,
			)!;
			expect(pickerValues(picker)).toEqual(Object.keys(operations[resource]).sort());
		}
	});

	it('finds saved values and nothing inherited', () => {
		expect(findOperation('subscriber', 'import')).toBe(operations.subscriber.import);
		expect(findOperation('tag', 'toString')).toBeUndefined();
		expect(findOperation('constructor', 'name')).toBeUndefined();
		expect(findOperation('tags', 'getAll')).toBeUndefined();
	});
});
