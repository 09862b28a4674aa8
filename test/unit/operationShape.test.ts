import { readdirSync, readFileSync } from '@n8n-nodes-bentonow/dev-host/fs';
import { join } from '@n8n-nodes-bentonow/dev-host/path';
import { repoRoot } from '@n8n-nodes-bentonow/dev-host/repo';

import type { INodeProperties } from 'n8n-workflow';

import { operations } from '../../nodes/Bento/actions/router';

// One way to build an operation: its file exports `description` made by operationDescription
// (or a helper that calls it: listOperation, getEntryOperation, ...) and `execute`.

const actions = join(repoRoot, 'nodes', 'Bento', 'actions');
type Table = Record<string, Record<string, { description: INodeProperties[] }>>;

const cases = Object.entries(operations as unknown as Table).flatMap(([resource, ops]) =>
	Object.entries(ops).map(([operation, op]) => [resource, operation, op.description] as const),
);

describe('every operation is built the one way', () => {
	test.each(cases)(
		'%s.%s: its own file, shown for it alone',
		(resource, operation, description) => {
			expect(readdirSync(join(actions, resource))).toContain(`${operation}.operation.ts`);
			expect(description.length).toBeGreaterThan(0);
			for (const property of description) {
				expect(property.displayOptions?.show?.resource).toEqual([resource]);
				expect(property.displayOptions?.show?.operation).toEqual([operation]);
			}
		},
	);

	test('only operationDescription calls updateDisplayOptions', () => {
		const callers = readdirSync(actions, { recursive: true, encoding: 'utf8' })
			.filter((file) => file.endsWith('.ts'))
			.filter((file) => readFileSync(join(actions, file), 'utf8').includes('updateDisplayOptions'))
			.map((file) => file.replace(/\\/g, '/'));
		expect(callers).toEqual(['common.descriptions.ts']);
	});
});
