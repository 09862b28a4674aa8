import nock from 'nock';

import { mockEndpoint } from '../helpers/mockEndpoint';
import { describeErrorClasses, expectQuery } from '../helpers/mockLibrary';
import { runBentoNode } from '../helpers/runNode';

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

describe('Utility: Geolocate IP', () => {
	it('GETs with the ip in the query; an empty answer is an item with located false', async () => {
		const place = { ip: '203.0.113.7', city_name: 'Melbourne', country_code2: 'AU' };
		const { requests } = mockEndpoint('GET', '/experimental/geolocation', (request) =>
			request.query.ip === '203.0.113.7' ? [200, place] : [200, {}],
		);
		const { outputs, error } = await runBentoNode({
			parameters: { resource: 'utility', operation: 'geolocateIp', ip: '={{ $json.ip }}' },
			items: [{ ip: '203.0.113.7' }, { ip: '10.0.0.1' }],
		});
		expect(error).toBeUndefined();
		expectQuery(requests[0], { ip: '203.0.113.7' });
		expect(requests[0].body).toBeUndefined();
		expect(outputs[0].map((i) => i.json)).toEqual([
			{ ...place, located: true },
			{ ip: '10.0.0.1', located: false },
		]);
	});
});

describeErrorClasses('Geolocate IP', {
	parameters: { resource: 'utility', operation: 'geolocateIp', ip: '={{ $json.ip }}' },
	method: 'GET',
	path: '/experimental/geolocation',
	ok: [200, {}],
	items: [{ ip: '1.1.1.1' }, { ip: '2.2.2.2' }],
});

const blacklist = {
	resource: 'utility',
	operation: 'checkBlacklist',
	domain: '={{ $json.domain }}',
	ip: '={{ $json.ip }}',
};
const LISTED = { query: 'spam.example', description: 'Listed', results: { spamhaus: true } };

describe('Utility: Check Blacklist', () => {
	it('asks /blacklist.json with the domain and/or ip given', async () => {
		const { requests } = mockEndpoint('GET', '/experimental/blacklist.json', [[200, LISTED]]);
		const { outputs } = await runBentoNode({
			parameters: blacklist,
			items: [
				{ domain: 'spam.example', ip: '' },
				{ domain: '', ip: '198.51.100.66' },
			],
		});
		expectQuery(requests[0], { domain: 'spam.example' });
		expectQuery(requests[1], { ip: '198.51.100.66' });
		expect(outputs[0][0].json).toEqual(LISTED);
	});

	it('a 404 on /blacklist.json switches to /blacklist for this and the following items', async () => {
		const json = mockEndpoint('GET', '/experimental/blacklist.json', [
			[404, { error: 'Not found' }],
		]);
		const plain = mockEndpoint('GET', '/experimental/blacklist', [[200, LISTED]]);
		const { outputs, error } = await runBentoNode({
			parameters: blacklist,
			items: [{ domain: 'a.example' }, { domain: 'b.example' }],
		});
		expect(error).toBeUndefined();
		expect(json.requests).toHaveLength(1);
		expect(plain.requests.map((r) => r.query.domain)).toEqual(['a.example', 'b.example']);
		expect(outputs[0]).toHaveLength(2);
	});

	it('a 404 on both paths is the item’s error', async () => {
		mockEndpoint('GET', /^\/experimental\/blacklist(\.json)?$/, [[404, { error: 'Not found' }]]);
		const { error } = await runBentoNode({
			parameters: blacklist,
			items: [{ domain: 'a.example' }],
		});
		expect(error?.message).toBe('Item 0 failed: Bento answered 404: Not found');
	});

	it('neither domain nor ip is an error naming the item', async () => {
		const { error } = await runBentoNode({
			parameters: blacklist,
			items: [{ domain: ' ', ip: '' }],
		});
		expect(error?.message).toBe('Item 0: give a domain, an IP address or both');
	});
});

describeErrorClasses('Check Blacklist', {
	parameters: blacklist,
	method: 'GET',
	path: '/experimental/blacklist.json',
	ok: [200, LISTED],
	items: [{ domain: 'a.example' }, { domain: 'b.example' }],
});
