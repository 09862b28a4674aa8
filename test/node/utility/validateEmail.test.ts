import nock from 'nock';

import { mockEndpoint } from '../../helpers/mockEndpoint';
import { describeErrorClasses, expectQuery } from '../../helpers/mockLibrary';
import { runBentoNode } from '../../helpers/runNode';

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

// Frees nock's global interceptor, so that the next test file in this Jest worker gets its own.

const validate = (extra: Record<string, unknown> = {}) => ({
	resource: 'utility',
	operation: 'validateEmail',
	email: '={{ $json.email }}',
	...extra,
});

describe('Utility: Validate Email', () => {
	it('POSTs the inputs in the body and the query; the same address twice is checked once', async () => {
		const { requests } = mockEndpoint('POST', '/experimental/validation', (request) => [
			200,
			{ valid: (request.body as { email: string }).email === 'ann@example.com' },
		]);
		const { outputs, error } = await runBentoNode({
			parameters: validate({ context: { name: 'Ann', ip: '', user_agent: 'Mozilla/5.0' } }),
			items: [
				{ email: 'ann@example.com' },
				{ email: 'nope@example.invalid' },
				{ email: 'ann@example.com' },
			],
		});
		expect(error).toBeUndefined();
		expect(requests).toHaveLength(2);
		const inputs = { email: 'ann@example.com', name: 'Ann', user_agent: 'Mozilla/5.0' };
		expect(requests[0].body).toEqual(inputs);
		expectQuery(requests[0], inputs);
		expect(outputs[0].map((i) => [i.json, i.pairedItem])).toEqual([
			[{ email: 'ann@example.com', valid: true }, { item: 0 }],
			[{ email: 'nope@example.invalid', valid: false }, { item: 1 }],
			[{ email: 'ann@example.com', valid: true }, { item: 2 }],
		]);
	});

	it("Jesse's Ruleset goes to its own endpoint with its two switches and puts out the reasons", async () => {
		const { requests } = mockEndpoint('POST', '/experimental/jesses_ruleset', [
			[200, { valid: false, reasons: ['Email provider is free'] }],
		]);
		const { outputs } = await runBentoNode({
			parameters: validate({ ruleset: 'jessesRuleset', blockFreeProviders: true }),
			items: [{ email: 'ann@gmail.com' }],
		});
		expect(requests[0].body).toEqual({
			email: 'ann@gmail.com',
			block_free_providers: true,
			wiggleroom: false,
		});
		expect(outputs[0][0].json).toEqual({
			email: 'ann@gmail.com',
			valid: false,
			reasons: ['Email provider is free'],
		});
	});

	it('a missing email names the item and the field; nothing is sent for it', async () => {
		const { requests } = mockEndpoint('POST', '/experimental/validation', [[200, { valid: true }]]);
		const { outputs } = await runBentoNode({
			parameters: validate(),
			items: [{ email: '' }, { email: 'ann@example.com' }],
			onError: 'continueErrorOutput',
		});
		expect(requests).toHaveLength(1);
		expect(outputs[1].map((i) => i.json.error)).toEqual([
			'Item 0: email is required and must be text (got missing)',
		]);
	});
});

describeErrorClasses('Validate Email', {
	parameters: validate(),
	method: 'POST',
	path: '/experimental/validation',
	ok: [200, { valid: true }],
	items: [{ email: 'a@example.com' }, { email: 'b@example.com' }],
});
