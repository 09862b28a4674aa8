// The per-item operations that take one address (issue 31, item 2): Subscriber Get and Create,
// Validate Email, a sequence email's To; and CC/BCC lists as JSON (item 3).
import nock from 'nock';

import { bentoSubscriber } from '../../helpers/mockAudience';
import { mockEndpoint } from '../../helpers/mockEndpoint';
import { runBentoNode } from '../../helpers/runNode';

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

const pasted = [
	{ mail: 'Ann Lee <ann@example.com>' },
	{ mail: '<bob@example.com>' },
	{ mail: 'mailto:cat@example.com?subject=Hi' },
	{ mail: '"Doe, Dan" <dan@example.com>' },
];
const bare = ['ann@example.com', 'bob@example.com', 'cat@example.com', 'dan@example.com'];

describe('one address per item, read from its pasted form', () => {
	it('Subscriber Get', async () => {
		const { requests } = mockEndpoint('GET', '/fetch/subscribers', (request) => [
			200,
			{ data: bentoSubscriber(1, request.query.email) },
		]);
		const { error } = await runBentoNode({
			parameters: { resource: 'subscriber', operation: 'get', email: '={{ $json.mail }}' },
			items: pasted,
		});
		expect(error).toBeUndefined();
		expect(requests.map((r) => r.query.email)).toEqual(bare);
	});

	it('Subscriber Create', async () => {
		const { requests } = mockEndpoint('POST', '/fetch/subscribers', (request) => [
			200,
			{ data: bentoSubscriber(1, (request.body?.subscriber as { email: string }).email) },
		]);
		const { error } = await runBentoNode({
			parameters: { resource: 'subscriber', operation: 'create', email: '={{ $json.mail }}' },
			items: pasted,
		});
		expect(error).toBeUndefined();
		expect(requests.map((r) => r.body)).toEqual(bare.map((email) => ({ subscriber: { email } })));
	});

	it('Validate Email', async () => {
		const { requests } = mockEndpoint('POST', '/experimental/validation', [[200, { valid: true }]]);
		const { error } = await runBentoNode({
			parameters: { resource: 'utility', operation: 'validateEmail', email: '={{ $json.mail }}' },
			items: pasted,
		});
		expect(error).toBeUndefined();
		expect(requests.map((r) => (r.body as { email: string }).email)).toEqual(bare);
	});

	it('Sequence Add Email: To pasted is its address; CC and BCC as JSON arrays are joined', async () => {
		const { requests } = mockEndpoint('POST', '/fetch/sequences/s1/emails/templates', [
			[201, { data: { id: '1', attributes: {} } }],
		]);
		const { error } = await runBentoNode({
			parameters: {
				resource: 'sequence',
				operation: 'addEmail',
				sequenceId: { __rl: true, mode: 'id', value: 's1' },
				subject: 'Hi',
				html: '<p>x</p>',
				additionalFields: {
					to: 'Ann Lee <ann@example.com>',
					cc: '["a@example.com", "b@example.com"]',
					bcc: '={{ ["c@example.com"] }}',
				},
			},
			items: [{}],
		});
		expect(error).toBeUndefined();
		expect(requests[0].body).toEqual({
			email_template: {
				subject: 'Hi',
				html: '<p>x</p>',
				to: 'ann@example.com',
				cc: 'a@example.com, b@example.com',
				bcc: 'c@example.com',
			},
		});
	});

	it('a broken paste is refused naming the item and the field', async () => {
		const { requests } = mockEndpoint('POST', '/fetch/subscribers', [[200, {}]]);
		const { error } = await runBentoNode({
			parameters: { resource: 'subscriber', operation: 'create', email: '={{ $json.mail }}' },
			items: [{ mail: 'Ann <>' }],
		});
		expect(requests).toHaveLength(0);
		expect(error?.message).toBe('Item 0: email "Ann <>" has no address between < and >');
	});
});
