// Create Events with an Excel CSV's keys and pasted addresses (issue 31, items 2 and 4).
import nock from 'nock';

import { mockBatchEvents } from '../../helpers/mockBento';
import { runBentoNode } from '../../helpers/runNode';

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

const autoMap = {
	resource: 'event',
	operation: 'create',
	mappingMode: 'autoMapInputData',
	options: { maxRetries: 0 },
};

describe('Create Events', () => {
	it('Map Automatically: keys cleaned at their ends, pasted addresses read as theirs', async () => {
		const { requests } = mockBatchEvents();
		const { outputs, error } = await runBentoNode({
			parameters: autoMap,
			items: [
				{ '\ufefftype': 'signup', email: 'Ann Lee <ann@example.com>' },
				{ 'type\u00a0': 'signup', ' email': '"Doe, Dan" <dan@example.com>' },
				{ type: 'signup', email: '<bob@example.com>', '\u200bfields': { plan: 'pro' } },
				{ type: 'signup', email: 'mailto:cat@example.com' },
			],
		});
		expect(error).toBeUndefined();
		expect(requests[0].body.events).toEqual([
			{ type: 'signup', email: 'ann@example.com' },
			{ type: 'signup', email: 'dan@example.com' },
			{ type: 'signup', email: 'bob@example.com', fields: { plan: 'pro' } },
			{ type: 'signup', email: 'cat@example.com' },
		]);
		expect(outputs[0]).toHaveLength(4);
	});

	it('names keys and addresses as they came when they cannot be read', async () => {
		const { requests } = mockBatchEvents();
		const { outputs } = await runBentoNode({
			parameters: autoMap,
			items: [
				{ type: 'signup', '\ufeffEmail': 'ann@example.com' },
				{ type: 'signup', email: 'a@example.com', 'email\u200b': 'b@example.com' },
				{ type: 'signup', email: 'Ann Lee <ann@example.com' },
				{ type: 'signup', email: '["a@example.com","b@example.com"]' },
				{ type: 'signup', email: 'ok@example.com' },
			],
			onError: 'continueErrorOutput',
		});
		expect(requests[0].body.events).toEqual([{ type: 'signup', email: 'ok@example.com' }]);
		expect(outputs[1].map((o) => o.json.error)).toEqual([
			'Item 0: unknown key "<U+FEFF>Email": an event item may only hold type, email, fields, details and date (keys are matched as written, case included: use "email")',
			'Item 1: an event item has the keys "email" and "email<U+200B>", which are both "email" once spaces and invisible characters are removed at their ends: keep one',
			'Item 2: email "Ann Lee <ann@example.com" is not one address: write it as ann@example.com, Ann Lee <ann@example.com> or mailto:ann@example.com',
			`Item 3: email is a list (a JSON array of 2: "a@example.com", "b@example.com"): it takes one address per item; make one item per address (e.g. with n8n's Split Out node)`,
		]);
	});

	it('Define Below: the Email parameter reads a pasted address the same way', async () => {
		const { requests } = mockBatchEvents();
		const { error } = await runBentoNode({
			parameters: {
				resource: 'event',
				operation: 'create',
				mappingMode: 'defineBelow',
				eventType: 'signup',
				email: '={{ $json.from }}',
				options: { maxRetries: 0 },
			},
			items: [{ from: 'Ann Lee <ann@example.com>' }],
		});
		expect(error).toBeUndefined();
		expect(requests[0].body.events).toEqual([{ type: 'signup', email: 'ann@example.com' }]);
	});
});
