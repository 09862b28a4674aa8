// Saved workflows keep their meaning: Create Events nodes saved at version 1, before Fields rows,
// Details rows and Purchase existed, send exactly the events they sent then.
import nock from 'nock';

import fixture from '../../fixtures/createEvents-v1.json';
import { mockBatchEvents } from '../../helpers/mockBento';
import { runBentoNode } from '../../helpers/runNode';

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

describe('Create Events: version 1 saved parameters', () => {
	it.each(fixture.nodes.map((node) => [node.name, node] as const))(
		'%s: the same events as before',
		async (_name, node) => {
			const { requests } = mockBatchEvents();
			const { outputs, error } = await runBentoNode({
				parameters: node.parameters,
				items: node.items,
			});
			expect(error).toBeUndefined();
			expect(requests.flatMap((r) => r.body.events)).toEqual(node.events);
			expect(outputs[0].map((item) => item.json.event)).toEqual(node.events);
		},
	);
});

describe('Create Events: a date without an offset, version 1 and version 1.1', () => {
	const parameters = {
		resource: 'event',
		operation: 'create',
		mappingMode: 'autoMapInputData',
	};
	const items = [
		{ type: 'signed_up', email: 'ann@example.com', date: '2026-01-05 10:00:00' },
		{ type: 'signed_up', email: 'bob@example.com', date: '2026-03-08 02:30:00' },
		{ type: 'signed_up', email: 'cy@example.com', date: '2026-01-05 10:00:00.123456+05' },
	];

	it.each([
		[1, ['2026-01-05T10:00:00.000Z', '2026-03-08T02:30:00.000Z']],
		[1.1, ['2026-01-05T10:00:00.000-05:00', '2026-03-08T03:30:00.000-04:00']],
	])('version %p in a New York workflow', async (typeVersion, expected) => {
		const { requests } = mockBatchEvents();
		const { error } = await runBentoNode({
			parameters,
			items,
			typeVersion,
			timezone: 'America/New_York',
		});
		expect(error).toBeUndefined();
		expect(requests[0].body.events.map((e) => e.date)).toEqual([
			...expected,
			'2026-01-05T10:00:00.123+05:00',
		]);
	});

	it('version 1.1: an ambiguous date is that item’s error, naming the item and the field', async () => {
		const { requests } = mockBatchEvents();
		const { error } = await runBentoNode({
			parameters,
			items: [items[0], { ...items[1], date: '05/01/2026' }],
			typeVersion: 1.1,
			timezone: 'Europe/Berlin',
		});
		expect(requests).toHaveLength(0);
		expect(error?.message).toMatch(/^Item 1: date "05\/01\/2026": ambiguous/);
		expect(error?.description).toContain('Fix "date"');
	});
});
