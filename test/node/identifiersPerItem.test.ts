// Addresses with invisible characters in the per-item operations and in the fields the batch
// tests do not cover (a command's email, a broadcast's sender): cleaned at the ends, refused
// inside (naming item and field), whichever operation takes them.
import nock from 'nock';

import { mockBento, type Recorded } from '../helpers/mockSending';
import { runBentoNode } from '../helpers/runNode';

const fast = { requestsPerMinute: 0, retryDelay: 0 };
const PASTED = '\u00a0User@Example.com\u200b\ufeff';
const INSIDE = 'a\u2060b@example.com';

interface Case {
	name: string;
	method: 'GET' | 'POST';
	path: string;
	field: string;
	parameters: Record<string, unknown>;
	/** Where the address is in what Bento received. */
	sent: (request: Recorded) => unknown;
}

const CASES: Case[] = [
	{
		name: 'Subscriber Create',
		method: 'POST',
		path: '/fetch/subscribers',
		field: 'email',
		parameters: {
			resource: 'subscriber',
			operation: 'create',
			email: '={{ $json.a }}',
			options: fast,
		},
		sent: (r) => (r.body.subscriber as { email: string }).email,
	},
	{
		name: 'Subscriber Get by email',
		method: 'GET',
		path: '/fetch/subscribers',
		field: 'email',
		parameters: {
			resource: 'subscriber',
			operation: 'get',
			by: 'email',
			email: '={{ $json.a }}',
			options: fast,
		},
		sent: (r) => r.query.email,
	},
	{
		name: 'Run Command (a command’s email)',
		method: 'POST',
		path: '/fetch/commands',
		field: 'email',
		parameters: {
			resource: 'subscriber',
			operation: 'runCommand',
			mappingMode: 'autoMapInputData',
			options: fast,
		},
		sent: (r) => (r.body.command as Array<{ email: string }>)[0].email,
	},
	{
		name: 'Broadcast Create (sender)',
		method: 'POST',
		path: '/batch/broadcasts',
		field: 'fromEmail',
		parameters: {
			resource: 'broadcast',
			operation: 'create',
			name: 'News',
			subject: 'News',
			content: '<p>Hi</p>',
			type: 'plain',
			fromEmail: '={{ $json.a }}',
			options: fast,
		},
		sent: (r) => (r.body.broadcasts as Array<{ from: { email: string } }>)[0].from.email,
	},
];

// Run Command maps whole items; the others read `a` through an expression.
const itemFor = (spec: Case, address: string) =>
	spec.path === '/fetch/commands'
		? { command: 'add_tag', email: address, query: 'vip' }
		: { a: address };

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

describe.each(CASES)('$name', (spec) => {
	it('sends an address pasted with invisible ends as typed', async () => {
		const { requests } = mockBento(spec.method, spec.path, [], () => ({ results: 1 }));
		const { error } = await runBentoNode({
			parameters: spec.parameters,
			items: [itemFor(spec, PASTED)],
		});
		expect(error).toBeUndefined();
		expect(requests).toHaveLength(1);
		expect(spec.sent(requests[0])).toBe('User@Example.com');
	});

	it('refuses one inside, naming item and field, and sends nothing for it', async () => {
		const { requests } = mockBento(spec.method, spec.path, [], () => ({ results: 1 }));
		const { outputs, error } = await runBentoNode({
			parameters: spec.parameters,
			items: [itemFor(spec, INSIDE)],
			onError: 'continueErrorOutput',
		});
		expect(error).toBeUndefined();
		expect(requests).toHaveLength(0);
		expect(outputs[1]).toHaveLength(1);
		expect(outputs[1][0].pairedItem).toEqual({ item: 0 });
		expect(outputs[1][0].json.error).toMatch(
			new RegExp(
				`^Item 0: ${spec.field} "a<U\\+2060>b@example\\.com" contains U\\+2060 \\(word joiner\\)`,
			),
		);
	});
});
