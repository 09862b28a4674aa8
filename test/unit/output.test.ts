// Simplify and the AI tool's Output: which of them n8n shows (and so keeps) for a node at each
// version, as a workflow node or as an AI tool, and what each choice puts out.
import { type INode, type INodeParameters, NodeHelpers } from 'n8n-workflow';

import { Bento } from '../../nodes/Bento/Bento.node';
import {
	applyOutputChoice,
	deletedAnswer,
	OUTPUT_VERSION,
	readOutputChoice,
	type SimplifySpec,
} from '../../nodes/Bento/engines/output';

const description = new Bento().description;
// n8n copies a usableAsTool node into `<name>Tool`; `@tool` is whether the name ends with Tool.
const asTool = { ...description, name: `${description.name}Tool` };

function kept(parameters: INodeParameters, typeVersion: number, tool = false) {
	const node = { typeVersion, parameters } as unknown as INode;
	return NodeHelpers.getNodeParameters(
		description.properties,
		parameters,
		true,
		false,
		node,
		tool ? asTool : description,
	) as INodeParameters;
}

const broadcasts = { resource: 'broadcast', operation: 'getAll' };

describe('which output parameters n8n shows', () => {
	it.each([1, 1.1])('version %p: none (saved workflows keep their output)', (version) => {
		for (const tool of [false, true]) {
			const values = kept({ ...broadcasts, simplify: false, output: 'raw' }, version, tool);
			expect(values).not.toHaveProperty('simplify');
			expect(values).not.toHaveProperty('output');
			expect(values).not.toHaveProperty('outputFields');
		}
	});

	it('version 1.2 in a workflow: Simplify, on by default; no Output', () => {
		const values = kept(broadcasts, 1.2);
		expect(values.simplify).toBe(true);
		expect(values).not.toHaveProperty('output');
	});

	it('version 1.2 as an AI tool: Output (Simplified by default) instead of Simplify; Fields for Selected Fields', () => {
		const values = kept(broadcasts, 1.2, true);
		expect(values).not.toHaveProperty('simplify');
		expect(values.output).toBe('simplified');
		expect(values).not.toHaveProperty('outputFields');
		expect(kept({ ...broadcasts, output: 'selected' }, 1.2, true).outputFields).toEqual([]);
	});

	it('only operations that declare Simplify show it', () => {
		expect(kept({ resource: 'tag', operation: 'getAll' }, 1.2)).not.toHaveProperty('simplify');
		expect(kept({ resource: 'subscriber', operation: 'get' }, 1.2).simplify).toBe(true);
	});

	it('the node offers version 1.2 and makes it the default; Simplify carries a builder hint', () => {
		expect(description.version).toEqual([1, 1.1, 1.2]);
		expect(description.defaultVersion).toBe(OUTPUT_VERSION);
		const simplify = description.properties.find((p) => p.name === 'simplify');
		expect(simplify).toMatchObject({ builderHint: { propertyHint: expect.any(String) } });
	});
});

describe('readOutputChoice and applyOutputChoice', () => {
	const spec: SimplifySpec = { fields: ['id', 'name'], more: ['html'] };
	const entry = { id: 1, name: 'May', html: '<p>x</p>', extra: true };
	const ctx = (typeVersion: number, parameters: Record<string, unknown>) => ({
		getNode: () => ({ typeVersion }) as INode,
		getNodeParameter: ((name: string, _i: number, fallback: unknown) =>
			name in parameters ? parameters[name] : fallback) as never,
	});
	const shaped = (typeVersion: number, parameters: Record<string, unknown>, s = spec) =>
		applyOutputChoice(entry, readOutputChoice(ctx(typeVersion, parameters), s, 0));

	it('before 1.2: the answer as before, whatever is set', () => {
		expect(shaped(1.1, { simplify: true, output: 'selected', outputFields: ['id'] })).toBe(entry);
		expect(shaped(1, {}, { ...spec, before12: 'simplified' })).toEqual({ id: 1, name: 'May' });
	});

	it('1.2: Simplify on by default, off gives the whole answer', () => {
		expect(shaped(1.2, {})).toEqual({ id: 1, name: 'May' });
		expect(shaped(1.2, { simplify: false })).toBe(entry);
	});

	it('1.2 as a tool: Output decides, Simplify is not read', () => {
		expect(shaped(1.2, { output: 'raw', simplify: true })).toBe(entry);
		expect(shaped(1.2, { output: 'simplified', simplify: false })).toEqual({ id: 1, name: 'May' });
		expect(shaped(1.2, { output: 'selected', outputFields: ['html', 'extra', 'missing'] })).toEqual(
			{
				html: '<p>x</p>',
				extra: true,
			},
		);
		expect(shaped(1.2, { output: 'selected', outputFields: [] })).toEqual({});
	});

	it('deletedAnswer: {deleted: true} from 1.2, the old answer before', () => {
		const old = { email: 'a@example.com', status: 'queued' };
		expect(deletedAnswer(ctx(1.1, {}), true, old)).toBe(old);
		expect(deletedAnswer(ctx(1.2, {}), true, old)).toEqual({ deleted: true });
		expect(deletedAnswer(ctx(1.2, {}), false, { status: 'not_found' })).toEqual({
			deleted: false,
			status: 'not_found',
		});
	});
});
