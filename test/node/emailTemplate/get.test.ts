import nock from 'nock';

import { mockEndpoint } from '../../helpers/mockEndpoint';
import {
	describeErrorClasses,
	expectQuery,
	templateAnswer as answer,
} from '../../helpers/mockLibrary';
import { runBentoNode } from '../../helpers/runNode';

const byId = (value: string) => ({ __rl: true, mode: 'id', value });

const TEMPLATE_PATH = /^\/fetch\/emails\/templates\/[^/]+$/;

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

// Frees nock's global interceptor, so that the next test file in this Jest worker gets its own.

describe('Email Templates: Get', () => {
	it('reads the template, flattened; items with the same id share one request', async () => {
		const { requests } = mockEndpoint('GET', TEMPLATE_PATH, [[200, answer()]]);
		const { outputs, error } = await runBentoNode({
			parameters: {
				resource: 'emailTemplate',
				operation: 'get',
				templateId: byId('={{ $json.id }}'),
			},
			items: [{ id: 1001 }, { id: '1001' }],
		});
		expect(error).toBeUndefined();
		expect(requests).toHaveLength(1);
		expect(requests[0].path).toBe('/fetch/emails/templates/1001');
		expectQuery(requests[0]);
		const json = {
			id: '1001',
			name: 'Welcome',
			subject: 'Hi',
			html: '<p>Hi</p>',
			created_at: '2024-01-01',
			stats: null,
		};
		expect(outputs[0]).toEqual([
			{ json, pairedItem: { item: 0 } },
			{ json, pairedItem: { item: 1 } },
		]);
	});

	it('a 404 says there is no such template', async () => {
		mockEndpoint('GET', TEMPLATE_PATH, [[404, { error: 'Not found' }]]);
		const { error } = await runBentoNode({
			parameters: { resource: 'emailTemplate', operation: 'get', templateId: byId('9') },
			items: [{}],
		});
		expect(error?.message).toBe('Item 0 failed: Bento answered 404: no email template with ID "9"');
	});
});

describeErrorClasses('Get Email Template', {
	parameters: { resource: 'emailTemplate', operation: 'get', templateId: byId('={{ $json.id }}') },
	method: 'GET',
	path: TEMPLATE_PATH,
	ok: [200, answer()],
	items: [{ id: 1 }, { id: 2 }],
});
