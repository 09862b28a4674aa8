import type { INodeProperties } from 'n8n-workflow';
import nock from 'nock';

import { description as sendDescription } from '../../../nodes/Bento/actions/email/send.operation';
import { useFakeClock } from '../../helpers/fakeClock';
import { SECRETS } from '../../helpers/mockBento';
import { mockBento, queued, type Step } from '../../helpers/mockSending';
import { everythingEmitted, runBentoNode, TEST_CREDENTIALS } from '../../helpers/runNode';

// 429 waits last a rate-limit window: the transport's clock is faked, so they take no time.
useFakeClock();

const defineBelow = (extra: Record<string, unknown> = {}) => ({
	resource: 'email',
	operation: 'send',
	mappingMode: 'defineBelow',
	to: '={{ $json.mail }}',
	from: 'orders@shop.example',
	subject: '={{ "Your receipt for " + $json.order }}',
	htmlBody: '  <p>Hi {{ name }},</p>\n<p>Order {{ order }} is paid.</p>  ',
	transactional: true,
	personalizations: '={{ JSON.stringify({ name: $json.name, order: $json.order }) }}',
	...extra,
});

const autoMap = (options: Record<string, unknown> = {}) => ({
	resource: 'email',
	operation: 'send',
	mappingMode: 'autoMapInputData',
	options: { requestsPerMinute: 0, retryDelay: 0, ...options },
});

const emails = (n: number) =>
	Array.from({ length: n }, (_, i) => ({
		to: `buyer${i}@example.com`,
		from: 'orders@shop.example',
		subject: `Receipt ${i}`,
		html_body: `<p>Receipt ${i}</p>`,
		transactional: true,
	}));

const mockEmails = (steps: Step[] = []) => mockBento('POST', '/batch/emails', steps, queued);

const hintsOf = (result: Awaited<ReturnType<typeof runBentoNode>>) =>
	(result.run.data.resultData.runData.Bento?.[0]?.hints ?? []).map((h) => h.message);

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

describe('Send Emails: what goes out', () => {
	it('maps items with expressions; the HTML body goes out exactly as given', async () => {
		const { requests } = mockEmails();
		const result = await runBentoNode({
			parameters: defineBelow(),
			items: [
				{ mail: ' ann@example.com ', name: 'Ann', order: 'o-1' },
				{ mail: 'bob@example.com', name: 'Bob', order: 'o-2' },
			],
		});
		expect(result.error).toBeUndefined();
		expect(requests).toHaveLength(1);
		expect(requests[0].rawQuery).toBe(`site_uuid=${TEST_CREDENTIALS.siteUuid}`);
		const html = '  <p>Hi {{ name }},</p>\n<p>Order {{ order }} is paid.</p>  ';
		expect(requests[0].body).toEqual({
			emails: [
				{
					to: 'ann@example.com',
					from: 'orders@shop.example',
					subject: 'Your receipt for o-1',
					html_body: html,
					transactional: true,
					personalizations: { name: 'Ann', order: 'o-1' },
				},
				{
					to: 'bob@example.com',
					from: 'orders@shop.example',
					subject: 'Your receipt for o-2',
					html_body: html,
					transactional: true,
					personalizations: { name: 'Bob', order: 'o-2' },
				},
			],
		});
		expect(result.outputs[0]).toEqual(
			(requests[0].body.emails as object[]).map((email, item) => ({
				json: {
					email,
					results: 2,
					failed: null,
					batch: { number: 1, count: 1, size: 2, attempts: 1 },
				},
				pairedItem: { item },
			})),
		);
		expect(hintsOf(result)).toEqual([]);
	});

	it('sends transactional false when off, and says that Bento skips unsubscribed people', async () => {
		const { requests } = mockEmails();
		const result = await runBentoNode({
			parameters: defineBelow({ transactional: false, personalizations: '{}' }),
			items: [{ mail: 'ann@example.com', order: 'o-1' }],
		});
		expect((requests[0].body.emails as object[])[0]).toEqual({
			to: 'ann@example.com',
			from: 'orders@shop.example',
			subject: 'Your receipt for o-1',
			html_body: '  <p>Hi {{ name }},</p>\n<p>Order {{ order }} is paid.</p>  ',
			transactional: false,
		});
		expect(hintsOf(result)).toEqual([
			'1 email(s) went out with transactional off: Bento skips recipients who have unsubscribed.',
		]);
	});

	it.each([
		[61, [60, 1]],
		[130, [60, 60, 10]],
	])('%i emails go out in requests of %p, in input order', async (count, sizes) => {
		const { requests } = mockEmails();
		const result = await runBentoNode({ parameters: autoMap(), items: emails(count) });
		expect(result.error).toBeUndefined();
		expect(requests.map((r) => (r.body.emails as object[]).length)).toEqual(sizes);
		expect(requests.flatMap((r) => r.body.emails)).toEqual(emails(count));
		expect(result.outputs[0].map((i) => i.pairedItem)).toEqual(
			emails(count).map((_, item) => ({ item })),
		);
	});

	it('refuses a batch size above 60 before sending', async () => {
		const { requests } = mockEmails();
		const { error } = await runBentoNode({
			parameters: autoMap({ batchSize: 61 }),
			items: emails(2),
		});
		expect(error?.message).toContain('Batch Size must be a whole number from 1 to 60');
		expect(requests).toHaveLength(0);
	});
});

describe('Send Emails: bad input', () => {
	const items = [
		emails(1)[0],
		{ ...emails(1)[0], to: 'not-an-email' },
		{ ...emails(1)[0], from: undefined },
		{ ...emails(1)[0], subject: '  ' },
		{ ...emails(1)[0], html_body: '' },
		{ ...emails(1)[0], transactional: 'yes' },
		{ ...emails(1)[0], personalizations: { name: { first: 'Ann' } } },
		{ ...emails(1)[0], cc: 'boss@example.com' },
		{ ...emails(1)[0], to: 'last@example.com' },
	];
	const expected = [
		'Item 1: to "not-an-email" is not a valid address',
		'Item 2: from is required and must be text (got missing)',
		'Item 3: subject is required and must be text (got a string)',
		'Item 4: html_body is required and must be text (got missing)',
		'Item 5: transactional must be true or false (got a string)',
		'Item 6: personalizations.name is an object; values must be flat text, number or boolean values',
		'Item 7: unknown key "cc": an email item may only hold to, from, subject, html_body, transactional, personalizations',
	];

	it('fails before sending anything, naming the item and the field', async () => {
		const { requests } = mockEmails();
		const { error } = await runBentoNode({ parameters: autoMap(), items });
		expect(requests).toHaveLength(0);
		expect(error?.name).toBe('NodeOperationError');
		expect(error?.message).toBe(expected[0]);
		expect(error?.description).toContain('"to"');
	});

	it('with Continue On Fail, each invalid item is an error item and the valid ones are sent', async () => {
		const { requests } = mockEmails();
		const { outputs } = await runBentoNode({
			parameters: autoMap(),
			items,
			onError: 'continueErrorOutput',
		});
		expect(requests).toHaveLength(1);
		expect((requests[0].body.emails as Array<{ to: string }>).map((e) => e.to)).toEqual([
			'buyer0@example.com',
			'last@example.com',
		]);
		expect(outputs[0].map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 8 }]);
		expect(outputs[1].map((i) => i.json.error)).toEqual(expected);
		expect(outputs[1].map((i) => i.pairedItem)).toEqual(
			[1, 2, 3, 4, 5, 6, 7].map((item) => ({ item })),
		);
	});
});

describe('Send Emails: an email Bento may have taken is never resent', () => {
	it.each([
		['a 429', [[429, { error: 'Too many requests' }]] as Step[]],
		['a refused connection', [{ code: 'ECONNREFUSED' }] as Step[]],
		['a DNS failure', [{ code: 'EAI_AGAIN' }] as Step[]],
	])('%s: certainly not sent, so retried', async (_what, first) => {
		const { requests } = mockEmails([...first, [200, { results: 2 }]]);
		const result = await runBentoNode({ parameters: autoMap(), items: emails(2) });
		expect(result.error).toBeUndefined();
		expect(requests).toHaveLength(2);
		expect(result.outputs[0][0].json.batch).toMatchObject({ attempts: 2 });
	});

	it('a Cloudflare 521 (Bento unreachable) never reached Bento: retried, delivered once', async () => {
		const { requests } = mockEmails([
			[521, 'origin down'],
			[200, { results: 2 }],
		]);
		const result = await runBentoNode({
			parameters: autoMap({ retryDelay: 0 }),
			items: emails(2),
		});
		expect(result.error).toBeUndefined();
		expect(requests).toHaveLength(2);
		expect(result.outputs[0][0].json.batch).toMatchObject({ attempts: 2 });
	});

	it('a Cloudflare 524 (Bento took too long) may have been sent: not retried', async () => {
		const { requests } = mockEmails([[524, 'timeout']]);
		const result = await runBentoNode({ parameters: autoMap({ retryDelay: 0 }), items: emails(2) });
		expect(requests).toHaveLength(1);
		expect(result.error?.message).toContain('may have been sent: Bento answered 524');
	});

	it.each([
		['500', [500, { error: 'Internal error' }], 'Bento answered 500: Internal error'],
		['502', [502, '<html>Bad gateway</html>'], 'Bento answered 502'],
		['503', [503, { error: 'Unavailable' }], 'Bento answered 503: Unavailable'],
		['504', [504], 'Bento answered 504'],
		['a dropped connection', 'reset', 'Could not reach Bento (ECONNRESET)'],
	] as Array<[string, Step, string]>)(
		'%s: maybe sent, so not retried',
		async (_what, step, text) => {
			const { requests } = mockEmails([[200, { results: 60 }], step, [200, { results: 10 }]]);
			const result = await runBentoNode({ parameters: autoMap(), items: emails(130) });
			expect(requests).toHaveLength(2);
			expect(result.error?.message).toMatch(
				new RegExp(
					`^Batch 2 of 3 \\(items 60-119\\) may have been sent: ${text.replace(/[()]/g, '\\$&')}.*\\(not retried: it may have been delivered\\)$`,
				),
			);
			expect(result.error?.description).toContain(
				'Delivered: batch 1 (items 0-59). Maybe sent: batch 2 (items 60-119). Not sent: batch 3 (items 120-129).',
			);
			expect(result.error?.description).toContain('they were not resent');
			const emitted = everythingEmitted(result);
			for (const secret of SECRETS) expect(emitted).not.toContain(secret);
		},
	);

	it.each([
		[400, { errors: [{ field: 'emails[0].from', message: 'must be an author' }] }],
		[422, { error: 'Not allowed' }],
	])('a %i is not retried and reported as not delivered', async (status, body) => {
		const { requests } = mockEmails([[status, body]]);
		const result = await runBentoNode({ parameters: autoMap(), items: emails(2) });
		expect(requests).toHaveLength(1);
		expect(result.error?.message).toMatch(/^Batch 1 of 1 \(items 0-1\) failed: Bento answered 4/);
		expect(result.error?.description).toContain('Not delivered: batch 1 (items 0-1).');
	});

	it('with Continue On Fail, a maybe-sent batch goes to the error output and later batches are sent', async () => {
		const { requests } = mockEmails([[200, { results: 60 }], [503], [200, { results: 10 }]]);
		const result = await runBentoNode({
			parameters: autoMap(),
			items: emails(130),
			onError: 'continueErrorOutput',
		});
		expect(requests).toHaveLength(3);
		expect(result.outputs[0]).toHaveLength(70);
		const failed = result.outputs[1];
		expect(failed).toHaveLength(60);
		expect(failed[0].json).toMatchObject({ to: 'buyer60@example.com' });
		expect(failed[0].json.error).toMatch(
			/^Batch 2 of 3 \(items 60-119\) may have been sent: Bento answered 503/,
		);
		expect(failed.map((i) => i.pairedItem)).toEqual(
			Array.from({ length: 60 }, (_, k) => ({ item: 60 + k })),
		);
		expect(hintsOf(result)).toContain(
			'1 batch(es) may have been delivered although Bento did not confirm them (batch 2 (items 60-119)). They were not resent: check Bento before sending them again.',
		);
	});

	it('Retry Maybe-Sent Requests on: a 503 and a dropped connection are retried', async () => {
		const { requests } = mockEmails([[503], 'reset', [200, { results: 2 }]]);
		const result = await runBentoNode({
			parameters: autoMap({ retryMaybeSent: true }),
			items: emails(2),
		});
		expect(result.error).toBeUndefined();
		expect(requests).toHaveLength(3);
		expect(result.outputs[0][0].json.batch).toMatchObject({ attempts: 3 });
	});

	it('Retry Maybe-Sent Requests on, retries used up: still reported as maybe sent, not as lost', async () => {
		const { requests } = mockEmails([[503]]);
		const result = await runBentoNode({
			parameters: autoMap({ retryMaybeSent: true, maxRetries: 1 }),
			items: emails(2),
		});
		expect(requests).toHaveLength(2);
		expect(result.error?.message).toBe(
			'Batch 1 of 1 (items 0-1) may have been sent: Bento answered 503 Service Unavailable (after 2 attempts)',
		);
		expect(result.error?.description).toContain('Maybe sent: batch 1 (items 0-1). Not sent: none.');
	});

	it("paces to Bento's send pace by default: 60 emails a request, one request a minute", () => {
		const options = sendDescription.find((p) => p.name === 'options')?.options as INodeProperties[];
		const option = (name: string) => options.find((o) => o.name === name);
		expect(option('requestsPerMinute')?.default).toBe(1);
		expect(option('batchSize')?.default).toBe(60);
		expect(option('batchSize')?.typeOptions?.maxValue).toBe(60);
		expect(option('retryMaybeSent')?.default).toBe(false);
	});
});
