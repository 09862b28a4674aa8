import nock from 'nock';

import { mockEndpoint } from '../../helpers/mockEndpoint';
import { describeErrorClasses, templateAnswer as answer } from '../../helpers/mockLibrary';
import { runBentoNode } from '../../helpers/runNode';

const byId = (value: string) => ({ __rl: true, mode: 'id', value });

const TEMPLATE_PATH = /^\/fetch\/emails\/templates\/[^/]+$/;

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

const update = (updateFields: Record<string, unknown>) => ({
	resource: 'emailTemplate',
	operation: 'update',
	templateId: byId('={{ $json.id }}'),
	updateFields,
});

describe('Email Templates: Update', () => {
	it('PATCHes only the subject when only the subject is given', async () => {
		const { requests } = mockEndpoint('PATCH', TEMPLATE_PATH, [[200, answer({ subject: 'New' })]]);
		const { outputs, error } = await runBentoNode({
			parameters: update({ subject: ' New ' }),
			items: [{ id: '1001' }],
		});
		expect(error).toBeUndefined();
		expect(requests[0].body).toEqual({ email_template: { subject: 'New' } });
		expect(outputs[0][0].json.subject).toBe('New');
	});

	it('sends HTML exactly as given, with the subject when both are given', async () => {
		const { requests } = mockEndpoint('PATCH', TEMPLATE_PATH, [[200, answer()]]);
		const html = '\n  <table><tr><td>{{ visitor.first_name }}</td></tr></table>  ';
		await runBentoNode({ parameters: update({ html, subject: 'S' }), items: [{ id: '1001' }] });
		expect(requests[0].body).toEqual({ email_template: { subject: 'S', html } });
	});

	it('nothing to update, or an empty subject, is that item’s error; nothing is sent for it', async () => {
		const { requests } = mockEndpoint('PATCH', TEMPLATE_PATH, [[200, answer()]]);
		const nothing = await runBentoNode({ parameters: update({}), items: [{ id: '1' }] });
		expect(nothing.error?.message).toBe('Item 0: nothing to update: add Subject and/or HTML');
		const empty = await runBentoNode({
			parameters: update({ subject: '={{ $json.s }}' }),
			items: [
				{ id: '1', s: 'ok' },
				{ id: '2', s: '' },
			],
			onError: 'continueErrorOutput',
		});
		expect(empty.outputs[1].map((i) => i.json.error)).toEqual([
			'Item 1: subject is required and must be text (got missing)',
		]);
		expect(requests).toHaveLength(1);
		expect(requests[0].path).toBe('/fetch/emails/templates/1');
	});
});

describeErrorClasses('Update Email Template', {
	parameters: update({ subject: 'New' }),
	method: 'PATCH',
	path: TEMPLATE_PATH,
	ok: [200, answer()],
	items: [{ id: 1 }, { id: 2 }],
});

// Every per-item write judges a 404 by one rule (engines/perItem.ts, notFoundVerdict).
describe('Email Templates: a 404 on a retry', () => {
	const EARLIER = 'An earlier attempt of this request may have reached Bento';
	const run = (parameters: Record<string, unknown>) =>
		runBentoNode({
			parameters: { ...parameters, options: { retryDelay: 0 } },
			items: [{ id: '1001' }],
		});

	it('Update answered 503, then 404: not found, saying the first attempt may have reached Bento', async () => {
		const { requests } = mockEndpoint('PATCH', TEMPLATE_PATH, [
			[503],
			[404, { error: 'Not found' }],
		]);
		const { error } = await run(update({ subject: 'New' }));
		expect(requests).toHaveLength(2);
		expect(error?.message).toBe(
			'Item 0 failed: Bento answered 404: no email template with ID "1001"',
		);
		expect(error?.description).toContain(EARLIER);
	});

	it('Update answered 429 (certainly not sent), then 404: a plain not found', async () => {
		const { requests } = mockEndpoint('PATCH', TEMPLATE_PATH, [
			[429, { error: 'Too many' }, { 'Retry-After': '0' }],
			[404, { error: 'Not found' }],
		]);
		const { error } = await run(update({ subject: 'New' }));
		expect(requests).toHaveLength(2);
		expect(error?.message).toBe(
			'Item 0 failed: Bento answered 404: no email template with ID "1001"',
		);
		expect(error?.description).toContain('Check the ID');
		expect(error?.description).not.toContain(EARLIER);
	});

	it('Get answered 503, then 404: a plain not found (a read changes nothing)', async () => {
		const { requests } = mockEndpoint('GET', TEMPLATE_PATH, [[503], [404, { error: 'Not found' }]]);
		const { error } = await run({
			resource: 'emailTemplate',
			operation: 'get',
			templateId: byId('={{ $json.id }}'),
		});
		expect(requests).toHaveLength(2);
		expect(error?.message).toBe(
			'Item 0 failed: Bento answered 404: no email template with ID "1001"',
		);
		expect(error?.description).not.toContain(EARLIER);
	});
});
