import nock from 'nock';

import { SECRETS } from '../../helpers/mockBento';
import { mockEndpoint } from '../../helpers/mockEndpoint';
import { expectQuery } from '../../helpers/mockLibrary';
import { everythingEmitted, runBentoNode } from '../../helpers/runNode';
import { runAgainst, useSandbox } from '../../helpers/sandbox';

const PATH = '/data_deletion_requests';

const QUEUED = [202, { status: 'queued_for_anonymization' }] as [number, unknown];

const NOT_FOUND = [404, { error: 'visitor_not_found' }] as [number, unknown];

const parameters = (options: Record<string, unknown> = {}) => ({
	resource: 'subscriber',
	operation: 'deletePersonalData',
	email: '={{ $json.email }}',
	options: { retryDelay: 0, ...options },
});

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

describe('Subscriber: Delete Personal Data', () => {
	it('202: one request per item, {email, status: "queued"} paired to it', async () => {
		const { requests } = mockEndpoint('POST', PATH, [QUEUED]);
		const { outputs, error } = await runBentoNode({
			parameters: parameters(),
			items: [{ email: ' ann@example.com ' }, { email: 'bob@example.com' }],
		});
		expect(error).toBeUndefined();
		expect(requests.map((r) => r.body)).toEqual([
			{ data_deletion_request: { email: 'ann@example.com' } },
			{ data_deletion_request: { email: 'bob@example.com' } },
		]);
		expectQuery(requests[0]);
		expect(outputs[0]).toEqual([
			{ json: { email: 'ann@example.com', status: 'queued' }, pairedItem: { item: 0 } },
			{ json: { email: 'bob@example.com', status: 'queued' }, pairedItem: { item: 1 } },
		]);
	});

	it('refuses a missing or malformed email before anything is sent', async () => {
		const { requests } = mockEndpoint('POST', PATH, [QUEUED]);
		const { error } = await runBentoNode({
			parameters: parameters(),
			items: [{ email: 'ann@example.com' }, { email: 'not-an-email' }],
		});
		expect(error?.message).toBe('Item 1: email "not-an-email" is not a valid address');
		expect(requests).toHaveLength(0);
	});

	it('404 visitor_not_found: an item {email, status: "not_found"} by default', async () => {
		mockEndpoint('POST', PATH, (request) =>
			(request.body as { data_deletion_request: { email: string } }).data_deletion_request.email ===
			'gone@example.com'
				? NOT_FOUND
				: QUEUED,
		);
		const { outputs, error } = await runBentoNode({
			parameters: parameters(),
			items: [{ email: 'gone@example.com' }, { email: 'ann@example.com' }],
		});
		expect(error).toBeUndefined();
		expect(outputs[0].map((item) => item.json)).toEqual([
			{ email: 'gone@example.com', status: 'not_found' },
			{ email: 'ann@example.com', status: 'queued' },
		]);
	});

	it('404 with "Return an Error": the item leaves by the error output, the next one still runs', async () => {
		const { requests } = mockEndpoint('POST', PATH, [NOT_FOUND, QUEUED]);
		const { outputs, error } = await runBentoNode({
			parameters: parameters({ ifNotFound: 'error' }),
			items: [{ email: 'gone@example.com' }, { email: 'ann@example.com' }],
			onError: 'continueErrorOutput',
		});
		expect(error).toBeUndefined();
		expect(requests).toHaveLength(2);
		expect(outputs[0]).toEqual([
			{ json: { email: 'ann@example.com', status: 'queued' }, pairedItem: { item: 1 } },
		]);
		// n8n's error output keeps the input item's json beside the error.
		expect(outputs[1]).toEqual([
			{
				json: {
					email: 'gone@example.com',
					error: 'Item 0 failed: Bento has no person with email "gone@example.com"',
				},
				pairedItem: { item: 0 },
			},
		]);
	});

	it('404 with "Return an Error" and no error output: the run stops, naming what was done', async () => {
		mockEndpoint('POST', PATH, [QUEUED, NOT_FOUND]);
		const { error } = await runBentoNode({
			parameters: parameters({ ifNotFound: 'error' }),
			items: [
				{ email: 'ann@example.com' },
				{ email: 'gone@example.com' },
				{ email: 'c@example.com' },
			],
		});
		expect(error?.message).toBe('Item 1 failed: Bento has no person with email "gone@example.com"');
		expect(String(error?.description)).toContain('Done: item 0. Not sent: item 2.');
	});

	it('a 404 that is not Bento\'s "not found" (a wrong Base URL) is an error', async () => {
		mockEndpoint('POST', PATH, [[404, { error: 'Not found' }]]);
		const { error } = await runBentoNode({
			parameters: parameters(),
			items: [{ email: 'ann@example.com' }],
		});
		expect(error?.message).toBe('Item 0 failed: Bento answered 404: Not found');
		expect(String(error?.description)).toContain('check the Base URL');
	});

	it("422: an error with Bento's words, not retried, no secret", async () => {
		const { requests } = mockEndpoint('POST', PATH, [[422, { error: 'Cannot queue' }]]);
		const result = await runBentoNode({
			parameters: parameters(),
			items: [{ email: 'ann@example.com' }],
		});
		expect(requests).toHaveLength(1);
		expect(result.error?.message).toBe('Item 0 failed: Bento answered 422: Cannot queue');
		const emitted = everythingEmitted(result);
		for (const secret of SECRETS) expect(emitted).not.toContain(secret);
	});

	it('429 without Retry-After: not retried, the error names the 1,000-a-day limit', async () => {
		const { requests } = mockEndpoint('POST', PATH, [[429, { error: 'Too many' }]]);
		const { error } = await runBentoNode({
			parameters: parameters(),
			items: [{ email: 'ann@example.com' }, { email: 'bob@example.com' }],
		});
		expect(requests).toHaveLength(1);
		expect(error?.message).toBe(
			'Item 0 failed: Bento answered 429: Too many (Bento allows 1,000 data deletion requests a day. Its window resets within a day: try again later.)',
		);
		expect(String(error?.description)).toContain('1,000 data deletion requests a day');
	});

	it('429 with Retry-After: retried after it', async () => {
		const { requests } = mockEndpoint('POST', PATH, [
			[429, { error: 'Too many' }, { 'Retry-After': '0' }],
			QUEUED,
		]);
		const { outputs, error } = await runBentoNode({
			parameters: parameters(),
			items: [{ email: 'ann@example.com' }],
		});
		expect(error).toBeUndefined();
		expect(requests).toHaveLength(2);
		expect(outputs[0][0].json).toEqual({ email: 'ann@example.com', status: 'queued' });
	});

	// The rule every per-item write shares (notFoundVerdict): an erasure's 404 after an attempt
	// that may have been delivered means that attempt did it.
	it.each([502, 503])('a %i, then 404: queued (the first attempt did it)', async (status) => {
		const { requests } = mockEndpoint('POST', PATH, [[status], NOT_FOUND]);
		const { outputs, error } = await runBentoNode({
			parameters: parameters(),
			items: [{ email: 'ann@example.com' }],
		});
		expect(error).toBeUndefined();
		expect(requests).toHaveLength(2);
		expect(outputs[0]).toEqual([
			{ json: { email: 'ann@example.com', status: 'queued' }, pairedItem: { item: 0 } },
		]);
	});

	it('a 429 (certainly not sent), then 404: not found', async () => {
		const { requests } = mockEndpoint('POST', PATH, [
			[429, { error: 'Too many' }, { 'Retry-After': '0' }],
			NOT_FOUND,
		]);
		const { outputs } = await runBentoNode({
			parameters: parameters(),
			items: [{ email: 'ann@example.com' }],
		});
		expect(requests).toHaveLength(2);
		expect(outputs[0][0].json).toEqual({ email: 'ann@example.com', status: 'not_found' });
	});
});

describe('Delete Personal Data against the stand-in', () => {
	const sandbox = useSandbox();
	const deletions = () =>
		(sandbox().state as unknown as { store: { deletionRequests: Array<{ email: string }> } }).store
			.deletionRequests;

	it('erased, then the answer was lost: the retry answers 404 and the item is queued', async () => {
		const s = sandbox();
		await runAgainst(s, {
			parameters: { resource: 'subscriber', operation: 'create', email: 'ann@example.com' },
			items: [{}],
		});
		s.setFaults([{ accept: true, drop: true }]);
		const { outputs, error } = await runAgainst(s, {
			parameters: parameters(),
			items: [{ email: 'ann@example.com' }, { email: 'nobody@example.com' }],
		});
		expect(error).toBeUndefined();
		expect(outputs[0].map((item) => item.json)).toEqual([
			{ email: 'ann@example.com', status: 'queued' },
			{ email: 'nobody@example.com', status: 'not_found' },
		]);
		expect(deletions().map((d) => d.email)).toEqual(['ann@example.com']);
		expect(s.state.requests.filter((r) => r.path.endsWith(PATH)).map((r) => r.status)).toEqual([
			'accepted, then dropped',
			404,
			404,
		]);
	});

	it("the stand-in reads the form-encoded body of Bento's docs like the JSON one", async () => {
		const s = sandbox();
		const { publishableKey, secretKey, siteUuid } = s.keys;
		const post = async (contentType: string, body: string) => {
			const response = await fetch(`${s.baseUrl}${PATH}?site_uuid=${siteUuid}`, {
				method: 'POST',
				headers: {
					authorization: `Basic ${Buffer.from(`${publishableKey}:${secretKey}`).toString('base64')}`,
					'user-agent': 'stand-in-test/1',
					'content-type': contentType,
				},
				body,
			});
			return [response.status, await response.json()];
		};
		await runAgainst(s, {
			parameters: { resource: 'subscriber', operation: 'create', email: 'bob@example.com' },
			items: [{}],
		});
		const form = 'application/x-www-form-urlencoded';
		expect(await post(form, 'data_deletion_request%5Bemail%5D=bob%40example.com')).toEqual([
			202,
			{ status: 'queued_for_anonymization' },
		]);
		expect(await post(form, 'data_deletion_request%5Bemail%5D=bob%40example.com')).toEqual([
			404,
			{ error: 'visitor_not_found' },
		]);
		expect(await post('application/json', '{"data_deletion_request": {}}')).toEqual([
			422,
			{ error: 'data_deletion_request[email] must be a valid email' },
		]);
		expect(deletions().slice(-1)).toEqual([
			expect.objectContaining({ email: 'bob@example.com', contentType: form }),
		]);
	});
});
