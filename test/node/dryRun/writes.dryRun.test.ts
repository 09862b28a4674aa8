// Dry Run on every operation that writes: no request leaves (nock lets none through and counts
// every attempt), each valid item says what would be sent, each bad one why it would be refused.
import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';

import { Bento } from '../../../nodes/Bento/Bento.node';
import { runBentoNode } from '../../helpers/runNode';

let attempts = 0;
const countAttempt = () => attempts++;
beforeAll(() => {
	nock.disableNetConnect();
	nock.emitter.on('no match', countAttempt);
});
afterAll(() => {
	nock.emitter.removeListener('no match', countAttempt);
});
beforeEach(() => {
	attempts = 0;
});

const dry = { dryRun: true, retryDelay: 0 };

// [label, parameters, a valid item, an invalid item, the field it names]
type Case = [string, Record<string, unknown>, IDataObject, IDataObject, string];

const batchCases: Case[] = [
	[
		'Event → Create',
		{ resource: 'event', operation: 'create', mappingMode: 'autoMapInputData', options: dry },
		{ type: '$signup', email: 'a@example.com' },
		{ type: '$signup', email: 'nobody' },
		'email',
	],
	[
		'Subscriber → Import',
		{ resource: 'subscriber', operation: 'import', mappingMode: 'autoMapInputData', options: dry },
		{ email: 'a@example.com', first_name: 'Ann' },
		{ email: 'nobody' },
		'email',
	],
	[
		'Subscriber → Run Command',
		{
			resource: 'subscriber',
			operation: 'runCommand',
			mappingMode: 'autoMapInputData',
			options: dry,
		},
		{ command: 'add_tag', email: 'a@example.com', query: 'vip' },
		{ command: 'add_tag', email: 'nobody', query: 'vip' },
		'email',
	],
	[
		'Email → Send',
		{ resource: 'email', operation: 'send', mappingMode: 'autoMapInputData', options: dry },
		{ to: 'a@example.com', from: 'shop@example.com', subject: 'Hi', html_body: '<p>Hi</p>' },
		{ to: 'nobody', from: 'shop@example.com', subject: 'Hi', html_body: '<p>Hi</p>' },
		'to',
	],
	[
		'Broadcast → Create',
		{
			resource: 'broadcast',
			operation: 'create',
			delivery: 'send',
			name: '={{ $json.name }}',
			subject: 'News',
			content: '<p>Hi</p>',
			type: 'plain',
			fromEmail: '={{ $json.from }}',
			batchSizePerHour: 100,
			options: dry,
		},
		{ name: 'May', from: 'news@example.com' },
		{ name: 'June', from: 'nobody' },
		'fromEmail',
	],
];

const perItemCases: Case[] = [
	[
		'Tag → Create',
		{ resource: 'tag', operation: 'create', name: '={{ $json.tag }}', options: dry },
		{ tag: 'vip' },
		{ tag: '' },
		'name',
	],
	[
		'Field → Create',
		{ resource: 'field', operation: 'create', key: '={{ $json.key }}', options: dry },
		{ key: 'plan' },
		{ key: '' },
		'key',
	],
	[
		'Subscriber → Create',
		{ resource: 'subscriber', operation: 'create', email: '={{ $json.email }}', options: dry },
		{ email: 'a@example.com' },
		{ email: 'nobody' },
		'email',
	],
	[
		'Subscriber → Delete Personal Data',
		{
			resource: 'subscriber',
			operation: 'deletePersonalData',
			email: '={{ $json.email }}',
			options: dry,
		},
		{ email: 'a@example.com' },
		{ email: 'nobody' },
		'email',
	],
	[
		'Sequence → Add Email',
		{
			resource: 'sequence',
			operation: 'addEmail',
			sequenceId: { __rl: true, mode: 'id', value: 'sequence_1' },
			subject: '={{ $json.subject }}',
			html: '<p>Hi</p>',
			options: dry,
		},
		{ subject: 'Welcome' },
		{ subject: '' },
		'subject',
	],
	[
		'Email Template → Update',
		{
			resource: 'emailTemplate',
			operation: 'update',
			templateId: { __rl: true, mode: 'id', value: '42' },
			updateFields: { subject: '={{ $json.subject }}' },
			options: dry,
		},
		{ subject: 'New subject' },
		{ subject: '' },
		'subject',
	],
];

describe('Dry Run sends nothing', () => {
	it.each(batchCases)(
		'%s: each record with its request and batch',
		async (_l, parameters, good, bad, field) => {
			const { outputs, error, run } = await runBentoNode({ parameters, items: [good, bad, good] });
			expect(error).toBeUndefined();
			expect(attempts).toBe(0);
			const [first, refused, third] = outputs[0].map((item) => item.json);
			expect(first).toMatchObject({
				dryRun: true,
				wouldSend: { method: 'POST', endpoint: expect.stringMatching(/^\/(batch|fetch)\//) },
				batch: { number: 1, count: 1, size: 2 },
			});
			expect(third).toEqual(first);
			expect(refused).toEqual({
				dryRun: true,
				refused: expect.stringMatching(/^Item 1: /),
				field,
			});
			expect(outputs[0].map((item) => item.pairedItem)).toEqual(
				[0, 1, 2].map((item) => ({ item })),
			);
			const hints = run.data.resultData.runData.Bento[0].hints?.map((h) => h.message);
			expect(hints).toContainEqual(
				expect.stringMatching(
					/^Dry run: nothing was sent\. Would send 2 \w+ in 1 request\(s\) to POST .*; 1 item\(s\) refused\. Without Continue On Fail a real run would stop at item 1 and send nothing\.$/,
				),
			);
		},
	);

	it.each(perItemCases)(
		'%s: each request as it would go',
		async (_l, parameters, good, bad, field) => {
			const { outputs, error } = await runBentoNode({ parameters, items: [good, bad] });
			expect(error).toBeUndefined();
			expect(attempts).toBe(0);
			const [wouldSend, refused] = outputs[0].map((item) => item.json);
			expect(wouldSend).toEqual({
				dryRun: true,
				wouldSend: {
					method: expect.stringMatching(/^(POST|PATCH)$/),
					endpoint: expect.stringMatching(/^\//),
					body: expect.any(Object),
				},
			});
			expect(refused).toEqual({ dryRun: true, refused: expect.stringMatching(/^Item 1: /), field });
		},
	);

	it('the body shown is the one a real run sends (Tag → Create)', async () => {
		const { outputs } = await runBentoNode({
			parameters: perItemCases[0][1],
			items: [{ tag: ' vip ' }],
		});
		expect(outputs[0][0].json.wouldSend).toEqual({
			method: 'POST',
			endpoint: '/fetch/tags',
			body: { tag: { name: 'vip' } },
		});
	});

	// Tag → Delete reads the tag list first (the DELETE needs the tag's ID and name): a dry run shows
	// that read, with a note, and sends nothing.
	const tagDelete = {
		resource: 'tag',
		operation: 'delete',
		tag: { __rl: true, mode: 'name', value: '={{ $json.tag }}' },
		options: dry,
	};

	it('Tag → Delete: the tag list read a real run starts with; a bad item refused', async () => {
		const { outputs, error } = await runBentoNode({
			parameters: tagDelete,
			items: [{ tag: 'old-newsletter' }, { tag: '' }],
		});
		expect(error).toBeUndefined();
		expect(attempts).toBe(0);
		const [wouldSend, refused] = outputs[0].map((item) => item.json);
		expect(wouldSend).toEqual({
			dryRun: true,
			wouldSend: { method: 'GET', endpoint: '/fetch/tags' },
			note: expect.stringMatching(/reads this first/),
		});
		expect(refused).toEqual({
			dryRun: true,
			refused: expect.stringMatching(/^Item 1: /),
			field: 'tag',
		});
	});

	it('every operation that offers Dry Run is one of these, and every one of these offers it', () => {
		const offering = new Bento().description.properties
			.filter(
				(p) => p.name === 'options' && p.options?.some((o) => 'name' in o && o.name === 'dryRun'),
			)
			.map(
				(p) =>
					`${String(p.displayOptions?.show?.resource)}/${String(p.displayOptions?.show?.operation)}`,
			);
		const covered = [...batchCases, ...perItemCases, ['Tag → Delete', tagDelete] as const].map(
			([, p]) => `${String(p.resource)}/${String(p.operation)}`,
		);
		expect(offering.sort()).toEqual(covered.sort());
	});
});
