import nock from 'nock';

import { mockEndpoint } from '../../helpers/mockEndpoint';
import { describeErrorClasses, expectQuery } from '../../helpers/mockLibrary';
import { runBentoNode } from '../../helpers/runNode';

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

describe('Utility: Moderate Content', () => {
	it('sends the content as given; long content goes in the body only', async () => {
		const { requests } = mockEndpoint('POST', '/experimental/content_moderation', [
			[200, { valid: true, reasons: [], safe_original_content: 'x' }],
		]);
		const long = ` ${'word '.repeat(1000)}`;
		const { outputs } = await runBentoNode({
			parameters: {
				resource: 'utility',
				operation: 'moderateContent',
				content: '={{ $json.text }}',
			},
			items: [{ text: ' Hello there ' }, { text: long }],
		});
		expect(requests[0].body).toEqual({ content: ' Hello there ' });
		expectQuery(requests[0], { content: ' Hello there ' });
		expect(requests[1].body).toEqual({ content: long });
		expectQuery(requests[1]);
		expect(outputs[0][0].json).toEqual({ valid: true, reasons: [], safe_original_content: 'x' });
	});
});

describeErrorClasses('Moderate Content', {
	parameters: { resource: 'utility', operation: 'moderateContent', content: '={{ $json.text }}' },
	method: 'POST',
	path: '/experimental/content_moderation',
	ok: [200, { valid: true, reasons: [] }],
	items: [{ text: 'a' }, { text: 'b' }],
});
