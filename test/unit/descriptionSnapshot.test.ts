import type { INodeProperties } from 'n8n-workflow';

import { Bento } from '../../nodes/Bento/Bento.node';
import { operations } from '../../nodes/Bento/actions/router';
import { BentoFormResponseTrigger } from '../../nodes/BentoFormResponseTrigger/BentoFormResponseTrigger.node';
import { BentoTrigger } from '../../nodes/BentoTrigger/BentoTrigger.node';

// What the editor shows and saved workflows hold, byte for byte: a refactor of how descriptions
// are built must leave these strings as they are. A deliberate change (a new operation, a new
// option) updates the snapshot with `npx jest -u test/unit/descriptionSnapshot.test.ts`, and the
// diff of __snapshots__/ is then the change a reviewer reads.

/** JSON with key order kept, and an `undefined` value or a function made visible (JSON drops both). */
function serialize(value: unknown): string {
	return JSON.stringify(
		value,
		(_key, v: unknown) => {
			if (v === undefined) return '<undefined>';
			if (typeof v === 'function') return `<function ${(v as { name: string }).name}>`;
			return v;
		},
		'\t',
	);
}

describe('node descriptions, byte for byte', () => {
	test.each([
		['Bento', new Bento().description],
		['BentoTrigger', new BentoTrigger().description],
		['BentoFormResponseTrigger', new BentoFormResponseTrigger().description],
	])('%s', (_name, description) => {
		expect(serialize(description)).toMatchSnapshot();
	});

	const table = operations as unknown as Record<
		string,
		Record<string, { description: INodeProperties[] }>
	>;
	const cases = Object.entries(table).flatMap(([resource, ops]) =>
		Object.entries(ops).map(([operation, op]) => [`${resource}.${operation}`, op.description]),
	);

	test('every operation the pickers offer has its own description, and no other', () => {
		const offered = new Bento().description.properties
			.filter((p) => p.name === 'operation')
			.flatMap((p) =>
				(p.options ?? []).map(
					(o) =>
						`${String(p.displayOptions?.show?.resource)}.${String((o as { value: string }).value)}`,
				),
			);
		expect(cases.map(([name]) => name).sort()).toEqual(offered.sort());
		for (const [, description] of cases) expect(Array.isArray(description)).toBe(true);
	});

	test.each(cases)('operation %s', (_name, description) => {
		expect(serialize(description)).toMatchSnapshot();
	});
});
