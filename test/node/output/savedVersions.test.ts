// Saved workflows keep their output: nodes saved at version 1 and 1.1 put out exactly what they
// put out before version 1.2 brought Simplify, Output and {deleted: true} (captured in the
// fixture from the node as it was); at 1.2 Simplify is on by default and can be set off.
import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';

import fixture from '../../fixtures/output-v1.json';
import { mockEndpoint, type Reply } from '../../helpers/mockEndpoint';
import { runBentoNode } from '../../helpers/runNode';

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

type Case = (typeof fixture.cases)[number];

function caseNamed(start: string): Case {
	const found = fixture.cases.find((c) => c.name.startsWith(start));
	if (!found) throw new Error(`no fixture case "${start}"`);
	return found;
}

async function run(node: Case, typeVersion: number, parameters: IDataObject = {}) {
	// Each run starts from Bento's first reply.
	nock.cleanAll();
	for (const m of node.mocks)
		mockEndpoint(m.method as 'GET' | 'POST', m.path, m.replies as Reply[]);
	const result = await runBentoNode({
		parameters: { ...node.parameters, ...parameters, options: { retryDelay: 0 } },
		items: node.items,
		typeVersion,
	});
	expect(result.error).toBeUndefined();
	return result.outputs[0];
}

describe('versions 1 and 1.1: the output of every operation version 1.2 changed is as before', () => {
	const cases = fixture.cases.flatMap((node) =>
		(['1', '1.1'] as const).map((version) => [node.name, version, node] as const),
	);
	it.each(cases)('%s (version %s)', async (_name, version, node) => {
		expect(await run(node, Number(version))).toEqual(node.outputs[version]);
	});

	it('a saved node with Simplify off (an expression or stray parameter) still puts out as before', async () => {
		const node = caseNamed('Broadcast Get Many');
		expect(
			await run(node, 1.1, { simplify: false, output: 'selected', outputFields: ['id'] }),
		).toEqual(node.outputs['1.1']);
	});
});

describe('version 1.2: Simplify on (the default) and off', () => {
	const jsonOf = (items: Array<{ json: IDataObject }>) => items.map((item) => item.json);

	it('Subscriber Get: simplified is the six keys as before; off adds every other attribute', async () => {
		const node = caseNamed('Subscriber Get');
		const before = jsonOf(node.outputs['1.1']);
		expect(jsonOf(await run(node, 1.2))).toEqual(before);
		const raw = await run(node, 1.2, { simplify: false });
		expect(raw.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(jsonOf(raw)).toEqual([
			{
				...before[0],
				navigation_url: 'https://app.bentonow.com/s/7',
				first_name: 'Ann',
				last_event_at: '2026-11-01T10:00:00Z',
			},
			before[1],
		]);
	});

	it('Subscriber Create: the same six keys; off adds created_at', async () => {
		const node = caseNamed('Subscriber Create');
		const before = jsonOf(node.outputs['1.1']);
		expect(jsonOf(await run(node, 1.2))).toEqual(before);
		expect(jsonOf(await run(node, 1.2, { simplify: false }))).toEqual([
			{ ...before[0], created_at: '2026-12-01T09:00:00Z' },
			before[1],
		]);
	});

	it('Broadcast Get Many: simplified leaves out the template (its HTML); off is the full entry', async () => {
		const node = caseNamed('Broadcast Get Many');
		const before = jsonOf(node.outputs['1.1']);
		expect(jsonOf(await run(node, 1.2))).toEqual(
			before.map((entry) => {
				const rest = { ...entry };
				delete rest.template;
				return rest;
			}),
		);
		expect(Object.keys(jsonOf(await run(node, 1.2))[0])).toEqual([
			'id',
			'name',
			'created_at',
			'send_at',
			'share_url',
			'stats',
		]);
		expect(jsonOf(await run(node, 1.2, { simplify: false }))).toEqual(before);
	});

	it.each([
		[
			'Sequence Get Many',
			{ id: 'sequence_1', name: 'Welcome', created_at: '2026-01-01T00:00:00Z' },
		],
		[
			'Workflow Get Many',
			{ id: 'workflow_1', name: 'Cart', status: 'live', created_at: '2026-02-01T00:00:00Z' },
		],
	])('%s: simplified leaves out the emails; off is the full entry', async (name, simplified) => {
		const node = caseNamed(name);
		expect(jsonOf(await run(node, 1.2))).toEqual([simplified]);
		expect(jsonOf(await run(node, 1.2, { simplify: false }))).toEqual(jsonOf(node.outputs['1.1']));
	});

	it('Geolocate IP: simplified keeps seven keys; off is the whole answer', async () => {
		const node = caseNamed('Utility Geolocate IP');
		expect(jsonOf(await run(node, 1.2))).toEqual([
			{
				ip: '203.0.113.7',
				located: true,
				city_name: 'Melbourne',
				region_name: 'Victoria',
				country_code2: 'AU',
				latitude: -37.81,
				longitude: 144.96,
			},
			{ ip: '198.51.100.1', located: false },
		]);
		expect(jsonOf(await run(node, 1.2, { simplify: false }))).toEqual(jsonOf(node.outputs['1.1']));
	});

	it('Delete Personal Data answers {deleted: true}; a person Bento does not know, deleted false', async () => {
		const node = caseNamed('Delete Personal Data');
		expect(jsonOf(await run(node, 1.2))).toEqual([
			{ deleted: true },
			{ deleted: false, email: 'nobody@example.com', status: 'not_found' },
		]);
	});

	it('a node that is not an AI tool ignores a stray Output parameter (n8n keeps only shown ones)', async () => {
		const node = caseNamed('Broadcast Get Many');
		const out = jsonOf(await run(node, 1.2, { output: 'selected', outputFields: ['id'] }));
		expect(Object.keys(out[0])).toEqual([
			'id',
			'name',
			'created_at',
			'send_at',
			'share_url',
			'stats',
		]);
	});
});
