// Saved workflows keep their meaning: Create Events nodes saved at version 1, before Fields rows,
// Details rows and Purchase existed, send exactly the events they sent then.
import nock from 'nock';

import fixture from '../fixtures/createEvents-v1.json';
import { mockBatchEvents } from '../helpers/mockBento';
import { runBentoNode } from '../helpers/runNode';

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
