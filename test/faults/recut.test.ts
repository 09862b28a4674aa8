import nock from 'nock';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { BENTO_ORIGIN } from '../helpers/mockBento';
import { runBentoNode } from '../helpers/runNode';

// Delivery when a Batch Size window is over 1 MB and the batches are re-cut: the count in every
// output item, "Batch k of N" in messages, 413 halves and failures of later batches.

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

const KB = 1000;
const event = (i: number, noteBytes = 10) => ({
	type: 'signup',
	email: `user${i}@example.com`,
	details: { note: 'x'.repeat(noteBytes) },
});
const events = (options: Record<string, unknown>) => ({
	resource: 'event',
	operation: 'create',
	mappingMode: 'autoMapInputData',
	options: { retryDelay: 0, maxRetries: 0, requestsPerMinute: 0, ...options },
});

type Reply = [number, unknown];

/** Bento's answers in order (200 with the count by default); the emails of each request. */
function bento(answers: Array<Reply | undefined> = []) {
	const requests: string[][] = [];
	nock(BENTO_ORIGIN)
		.post('/api/v1/batch/events')
		.query(true)
		.times(50)
		.reply((_uri, body) => {
			const sent = (body as { events: Array<{ email: string }> }).events;
			requests.push(sent.map((e) => e.email));
			return answers[requests.length - 1] ?? [200, { results: sent.length, failed: 0 }];
		});
	return requests;
}

const batchOf = (json: Record<string, unknown>) =>
	json.batch as { number: number; count: number; size: number };

describe('a window over 1 MB after batches already delivered', () => {
	// Batch Size 2: windows [0,1] [2,3] [4,5]; 4 and 5 are 600 kB each, so window 3 is re-cut
	// into [4] and [5] while batch 2 is in flight, after batch 1's items were put out.
	const items = [0, 1, 2, 3].map((i) => event(i)).concat([event(4, 600 * KB), event(5, 600 * KB)]);

	it('every output item carries the final count of batches', async () => {
		const requests = bento();
		const { error, outputs } = await runBentoNode({
			parameters: events({ batchSize: 2 }),
			items,
		});
		expect(error).toBeUndefined();
		expect(requests.map((r) => r.length)).toEqual([2, 2, 1, 1]);
		expect(outputs[0].map((o) => [batchOf(o.json).number, batchOf(o.json).count])).toEqual([
			[1, 4],
			[1, 4],
			[2, 4],
			[2, 4],
			[3, 4],
			[4, 4],
		]);
		outputs[0].forEach((o, i) => expect(o.pairedItem).toEqual({ item: i }));
	});

	it('the error output: the last batch refused names "Batch 4 of 4", the others keep their counts', async () => {
		bento([undefined, undefined, undefined, [422, { error: 'refused' }]]);
		const { error, outputs } = await runBentoNode({
			parameters: events({ batchSize: 2 }),
			items,
			onError: 'continueErrorOutput',
		});
		expect(error).toBeUndefined();
		expect(outputs[0].map((o) => batchOf(o.json).count)).toEqual([4, 4, 4, 4, 4]);
		expect(outputs[1]).toHaveLength(1);
		expect(outputs[1][0].pairedItem).toEqual({ item: 5 });
		expect(String(outputs[1][0].json.error)).toContain('Batch 4 of 4 (items 5-5) failed');
	});

	it('without Continue On Fail, batch 3 refused: the message and report count 4 batches', async () => {
		bento([undefined, undefined, [422, { error: 'refused' }]]);
		const { error } = await runBentoNode({ parameters: events({ batchSize: 2 }), items });
		expect(error?.message).toContain('Batch 3 of 4 (items 4-4) failed');
		expect(error?.description).toContain(
			'Delivered: batches 1-2 (items 0-3). Not delivered: batches 3-4 (items 4-5).',
		);
	});
});

describe('a 413 on a batch made by a re-cut', () => {
	// Batch Size 3: window [3,4,5] is 1.35 MB, re-cut into [3,4] (900 kB) and [5].
	const items = [0, 1, 2]
		.map((i) => event(i))
		.concat([3, 4, 5].map((i) => event(i, 450 * KB)))
		.concat([event(6)]);

	it('its halves go in order, once each, and every item counts 3 batches', async () => {
		const requests = bento([undefined, [413, 'Payload Too Large']]);
		const { error, outputs } = await runBentoNode({
			parameters: events({ batchSize: 3 }),
			items,
		});
		expect(error).toBeUndefined();
		expect(requests.map((r) => r.length)).toEqual([3, 2, 1, 1, 2]);
		expect(requests.slice(2).flat()).toEqual([3, 4, 5, 6].map((i) => `user${i}@example.com`));
		expect(outputs[0].map((o) => [batchOf(o.json).number, batchOf(o.json).count])).toEqual([
			[1, 3],
			[1, 3],
			[1, 3],
			[2, 3],
			[2, 3],
			[3, 3],
			[3, 3],
		]);
		outputs[0].forEach((o, i) => expect(o.pairedItem).toEqual({ item: i }));
	});

	it('its second half refused: the error output names it "Batch 2 of 3 (items 4-4 of 3-4, split after a 413)"', async () => {
		bento([undefined, [413, 'Payload Too Large'], undefined, [422, { error: 'refused' }]]);
		const { error, outputs } = await runBentoNode({
			parameters: events({ batchSize: 3 }),
			items,
			onError: 'continueErrorOutput',
		});
		expect(error).toBeUndefined();
		expect(outputs[0].map((o) => o.pairedItem)).toEqual(
			[0, 1, 2, 3, 5, 6].map((item) => ({ item })),
		);
		expect(outputs[1].map((o) => o.pairedItem)).toEqual([{ item: 4 }]);
		expect(String(outputs[1][0].json.error)).toContain(
			'Batch 2 of 3 (items 4-4 of 3-4, split after a 413) failed',
		);
	});
});

describe('Run Command: several commands per item across a re-cut', () => {
	/**
	 * Add Tag with `list` for ann (item 0) and bob (item 1), with the error output; Bento refuses
	 * request number `refused` (422). Returns the run and each request's number of commands.
	 */
	async function tagLists(list: string, options: IDataObject, refused: number) {
		const requests: number[] = [];
		nock(BENTO_ORIGIN)
			.post('/api/v1/fetch/commands')
			.query(true)
			.times(10)
			.reply((_uri, body) => {
				const sent = (body as { command: unknown[] }).command;
				requests.push(sent.length);
				return requests.length === refused
					? [422, { error: 'refused' }]
					: [200, { results: sent.length, failed: 0 }];
			});
		const run = await runBentoNode({
			parameters: {
				resource: 'subscriber',
				operation: 'runCommand',
				mappingMode: 'autoMapInputData',
				options: { retryDelay: 0, maxRetries: 0, requestsPerMinute: 0, ...options },
			},
			items: ['ann', 'bob'].map((name) => ({
				command: 'add_tag',
				email: `${name}@example.com`,
				query: list,
			})),
			onError: 'continueErrorOutput',
		});
		return { ...run, requests };
	}

	const numbered = (outputs: INodeExecutionData[]) =>
		outputs.map((o) => [o.pairedItem, batchOf(o.json).number, batchOf(o.json).count]);

	it('Batch Size 1 with a tag list "a, b, c": three batches per item, each output counts them all', async () => {
		const { error, outputs, requests } = await tagLists('a, b, c', { batchSize: 1 }, 5);
		expect(error).toBeUndefined();
		expect(requests).toEqual([1, 1, 1, 1, 1, 1]);
		expect(numbered(outputs[0])).toEqual([
			[{ item: 0 }, 1, 6],
			[{ item: 0 }, 2, 6],
			[{ item: 0 }, 3, 6],
			[{ item: 1 }, 4, 6],
			[{ item: 1 }, 6, 6],
		]);
		expect(outputs[1].map((o) => o.pairedItem)).toEqual([{ item: 1 }]);
		expect(String(outputs[1][0].json.error)).toContain('Batch 5 of 6 (items 1-1) failed');
	});

	it('tag lists of long names cut inside an item: its commands split between batches, the failed ones paired to it', async () => {
		const list = ['a', 'b', 'c'].map((letter) => letter.repeat(200 * KB)).join(', ');
		const { error, outputs, requests } = await tagLists(list, {}, 2);
		expect(error).toBeUndefined();
		// Six commands of 200 kB: 1.2 MB in one window, re-cut after four.
		expect(requests).toEqual([4, 2]);
		expect(numbered(outputs[0])).toEqual([
			[{ item: 0 }, 1, 2],
			[{ item: 0 }, 1, 2],
			[{ item: 0 }, 1, 2],
			[{ item: 1 }, 1, 2],
		]);
		expect(outputs[1].map((o) => o.pairedItem)).toEqual([{ item: 1 }, { item: 1 }]);
		expect(String(outputs[1][0].json.error)).toContain('Batch 2 of 2 (items 1-1) failed');
	});
});
