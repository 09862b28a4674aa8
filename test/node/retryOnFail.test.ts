import nock from 'nock';

import { useFakeClock } from '../helpers/fakeClock';
import { mockBento, queued, type Step } from '../helpers/mockSending';
import { runBentoNode, type RunOptions } from '../helpers/runNode';

// n8n's Retry On Fail (WorkflowExecute, 1.x and 2.x alike) runs the node again, with all its
// input items and the same run index, when it throws and when the first item of its first
// output carries `error`. Each case checks what nock saw and the items on both outputs.
useFakeClock();

const retry: Pick<RunOptions, 'retryOnFail'> = {
	retryOnFail: { maxTries: 3, waitBetweenTries: 1 },
};

const counted = (body: Record<string, unknown>, key: string) => ({
	results: (body[key] as unknown[]).length,
	failed: 0,
});

afterEach(() => nock.cleanAll());

describe('Create Events', () => {
	const autoMap = (options: Record<string, unknown> = {}) => ({
		resource: 'event',
		operation: 'create',
		mappingMode: 'autoMapInputData',
		options: { retryDelay: 0, ...options },
	});

	it('an invalid first item on the error output: the valid events go once, not once per try', async () => {
		const { requests } = mockBento('POST', '/batch/events', [], (b) => counted(b, 'events'));
		const items = [
			{ type: 'signup', email: 'not-an-email' },
			{ type: 'signup', email: 'a@example.com' },
			{ type: 'signup', email: 'b@example.com' },
		];
		const once = await runBentoNode({
			parameters: autoMap(),
			items,
			onError: 'continueErrorOutput',
		});
		nock.cleanAll();
		const again = mockBento('POST', '/batch/events', [], (b) => counted(b, 'events'));
		const retried = await runBentoNode({
			parameters: autoMap(),
			items,
			onError: 'continueErrorOutput',
			...retry,
		});

		expect(requests).toHaveLength(1);
		expect(again.requests).toHaveLength(1);
		expect((again.requests[0].body.events as Array<{ email: string }>).map((e) => e.email)).toEqual(
			['a@example.com', 'b@example.com'],
		);
		// The same items on both outputs as when the node ran once.
		expect(retried.outputs).toEqual(once.outputs);
		expect(retried.outputs[0].map((i) => i.pairedItem)).toEqual([{ item: 1 }, { item: 2 }]);
		expect(retried.outputs[1].map((i) => i.pairedItem)).toEqual([{ item: 0 }]);
	});

	it('a throw after batch 1 was delivered: the next try sends only what was not', async () => {
		const { requests } = mockBento('POST', '/batch/events', [
			[200, { results: 2, failed: 0 }],
			[422, { error: 'Not now' }],
			[200, { results: 2 }],
		]);
		const items = ['a', 'b', 'c', 'd'].map((n) => ({ type: 'signup', email: `${n}@example.com` }));
		const result = await runBentoNode({ parameters: autoMap({ batchSize: 2 }), items, ...retry });

		expect(result.error).toBeUndefined();
		const sent = requests.map((r) =>
			(r.body.events as Array<{ email: string }>).map((e) => e.email),
		);
		expect(sent).toEqual([
			['a@example.com', 'b@example.com'],
			['c@example.com', 'd@example.com'],
			['c@example.com', 'd@example.com'],
		]);
		expect(result.outputs[0]).toHaveLength(4);
		expect(result.outputs[0][0].json.batch).toEqual({ number: 1, count: 2, size: 2, attempts: 1 });
	});

	it('a batch that may have been delivered (timeouts throughout) is not sent again by the next try', async () => {
		const { requests } = mockBento('POST', '/batch/events', ['reset']);
		const items = [{ type: 'signup', email: 'a@example.com' }];
		const result = await runBentoNode({
			parameters: autoMap({ maxRetries: 1, uniqueKey: '' }),
			items,
			...retry,
		});
		// One try's own retries (2 requests); the two later tries reuse its "may have been sent".
		expect(requests).toHaveLength(2);
		expect(result.error?.message).toMatch(
			/^Batch 1 of 1 \(items 0-0\) failed: Could not reach Bento/,
		);
	});

	it('an identical event twice in one run is two events; a retry sends neither again', async () => {
		const { requests } = mockBento('POST', '/batch/events', [
			[200, { results: 1 }],
			[200, { results: 1 }],
			[400, { error: 'Bad' }],
			[200, { results: 1 }],
		]);
		const same = { type: 'signup', email: 'a@example.com' };
		const result = await runBentoNode({
			parameters: autoMap({ batchSize: 1 }),
			items: [same, same, { type: 'signup', email: 'c@example.com' }],
			...retry,
		});
		expect(result.error).toBeUndefined();
		expect(requests).toHaveLength(4);
		const emails = requests.map((r) => (r.body.events as Array<{ email: string }>)[0].email);
		expect(emails).toEqual(['a@example.com', 'a@example.com', 'c@example.com', 'c@example.com']);
	});
});

describe('Send Emails', () => {
	const send = {
		resource: 'email',
		operation: 'send',
		mappingMode: 'autoMapInputData',
		options: { requestsPerMinute: 0, retryDelay: 0 },
	};
	const emails = (n: number) =>
		Array.from({ length: n }, (_, i) => ({
			to: `buyer${i}@example.com`,
			from: 'orders@shop.example',
			subject: `Receipt ${i}`,
			html_body: `<p>Receipt ${i}</p>`,
		}));

	it.each([
		['the connection drops after Bento took the batch', 'reset'],
		['Bento answers 500', [500, { error: 'Boom' }]],
	] as Array<[string, Step]>)(
		'%s: never resent by the next tries, and the execution fails saying so',
		async (_what, step) => {
			const { requests } = mockBento(
				'POST',
				'/batch/emails',
				[step, [200, { results: 3 }]],
				queued,
			);
			const result = await runBentoNode({ parameters: send, items: emails(3), ...retry });
			expect(requests).toHaveLength(1);
			expect(result.error?.message).toMatch(/^Batch 1 of 1 \(items 0-2\) may have been sent/);
			expect(result.outputs).toEqual([]);
		},
	);

	it('with the error output: the maybe-sent emails leave by it once, and nothing is resent', async () => {
		const { requests } = mockBento(
			'POST',
			'/batch/emails',
			['reset', [200, { results: 3 }]],
			queued,
		);
		const result = await runBentoNode({
			parameters: send,
			items: emails(3),
			onError: 'continueErrorOutput',
			...retry,
		});
		expect(requests).toHaveLength(1);
		expect(result.outputs[0]).toEqual([]);
		expect(result.outputs[1].map((i) => i.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
		]);
		expect(String(result.outputs[1][0].json.error)).toMatch(/may have been sent/);
	});
});

describe('Import and Run Command', () => {
	it('Import: an invalid first item on the error output does not resend the valid subscribers', async () => {
		const { requests } = mockBento('POST', '/batch/subscribers', [], (b) =>
			counted(b, 'subscribers'),
		);
		const result = await runBentoNode({
			parameters: {
				resource: 'subscriber',
				operation: 'import',
				mappingMode: 'autoMapInputData',
				options: { retryDelay: 0 },
			},
			items: [{ email: 'nope' }, { email: 'a@example.com' }, { email: 'b@example.com' }],
			onError: 'continueErrorOutput',
			...retry,
		});
		expect(requests).toHaveLength(1);
		expect(result.outputs[0]).toHaveLength(2);
		expect(result.outputs[1]).toHaveLength(1);
	});

	it('Run Command: an invalid first item on the error output does not resend the commands', async () => {
		const { requests } = mockBento('POST', '/fetch/commands', [], (b) => counted(b, 'command'));
		const result = await runBentoNode({
			parameters: {
				resource: 'subscriber',
				operation: 'runCommand',
				mappingMode: 'autoMapInputData',
				options: { retryDelay: 0 },
			},
			items: [
				{ command: 'add_tag', email: 'a@example.com' },
				{ command: 'add_tag', email: 'a@example.com', query: 'vip' },
				{ command: 'remove_tag', email: 'b@example.com', query: 'lead' },
			],
			onError: 'continueErrorOutput',
			...retry,
		});
		expect(requests).toHaveLength(1);
		expect(result.outputs[0]).toHaveLength(2);
		expect(result.outputs[1]).toHaveLength(1);
	});
});

describe('a per-item write (Tag Create)', () => {
	it('a throw at item 2: the next tries create only tag 2, not tags 0 and 1 again', async () => {
		const { requests } = mockBento('POST', '/fetch/tags', [
			[200, {}],
			[200, {}],
			[422, { error: 'Not now' }],
			[200, {}],
		]);
		const result = await runBentoNode({
			parameters: { resource: 'tag', operation: 'create', name: '={{ $json.tag }}' },
			items: [{ tag: 'a' }, { tag: 'b' }, { tag: 'c' }],
			...retry,
		});
		expect(result.error).toBeUndefined();
		expect(requests.map((r) => (r.body.tag as { name: string }).name)).toEqual([
			'a',
			'b',
			'c',
			'c',
		]);
		expect(result.outputs[0].map((i) => i.json.name)).toEqual(['a', 'b', 'c']);
	});
});

describe('the record is per execution, node and run', () => {
	it('a new execution sends again', async () => {
		const { requests } = mockBento('POST', '/fetch/tags', [[200, {}]]);
		const parameters = { resource: 'tag', operation: 'create', name: 'vip' };
		await runBentoNode({ parameters, items: [{}], ...retry });
		await runBentoNode({ parameters, items: [{}], ...retry });
		expect(requests).toHaveLength(2);
	});
});
