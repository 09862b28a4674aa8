import nock from 'nock';

import { mockEndpoint } from '../../helpers/mockEndpoint';
import { describeErrorClasses } from '../../helpers/mockLibrary';
import { runBentoNode } from '../../helpers/runNode';

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

describe('Utility: Guess Gender', () => {
	it('reads `gender` from the answer (null when absent)', async () => {
		mockEndpoint('POST', '/experimental/gender', (request) =>
			(request.body as { name: string }).name === 'Ann'
				? [200, { gender: 'female', confidence: 0.98 }]
				: [200, {}],
		);
		const { outputs } = await runBentoNode({
			parameters: { resource: 'utility', operation: 'guessGender', name: '={{ $json.name }}' },
			items: [{ name: 'Ann' }, { name: 'Zz' }],
		});
		expect(outputs[0].map((i) => i.json)).toEqual([
			{ name: 'Ann', gender: 'female', confidence: 0.98 },
			{ name: 'Zz', gender: null },
		]);
	});
});

describeErrorClasses('Guess Gender', {
	parameters: { resource: 'utility', operation: 'guessGender', name: '={{ $json.name }}' },
	method: 'POST',
	path: '/experimental/gender',
	ok: [200, { gender: 'male', confidence: 0.9 }],
	items: [{ name: 'a' }, { name: 'b' }],
});
