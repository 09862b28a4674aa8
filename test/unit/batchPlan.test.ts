import { BatchPlan, earlierCuts } from '../../nodes/Bento/engines/batchDelivery/batchPlan';
import * as batching from '../../nodes/Bento/engines/batchDelivery/batching';
import {
	bodyOverhead,
	encodeBatch,
	planBatches,
} from '../../nodes/Bento/engines/batchDelivery/batching';

// Records of about `n` bytes of JSON each, with text that JSON escapes and multi-byte UTF-8.
const record = (i: number, n: number) => ({ i, text: `"é\n😀${'x'.repeat(Math.max(0, n - 30))}` });
const bytesOf = (r: unknown) => Buffer.byteLength(JSON.stringify(r));

/** What the plan must equal: each record sized alone, cut greedily (planBatches). */
function expected(records: unknown[], size: number, max: number) {
	const each = records.map(bytesOf);
	return planBatches(records.length, size, { each, overhead: bodyOverhead('events'), max });
}

function fullPlan(records: unknown[], size: number, max: number) {
	const plan = new BatchPlan('events', records, size, max);
	plan.planRest();
	return plan;
}

describe('BatchPlan', () => {
	it.each([
		['small records, whole windows', Array.from({ length: 25 }, (_, i) => record(i, 40)), 10, 1000],
		['a window over the bound', Array.from({ length: 25 }, (_, i) => record(i, 40)), 10, 300],
		[
			'one large record among small ones',
			[10, 10, 900, 10, 10, 10].map((n, i) => record(i, n)),
			4,
			500,
		],
		['only records over the bound', [700, 800].map((n, i) => record(i, n)), 10, 500],
		[
			'the last window over the bound',
			[40, 40, 40, 40, 200, 200].map((n, i) => record(i, n)),
			3,
			300,
		],
		['one record', [record(0, 40)], 1000, 1000],
	])(
		'%s: the same cuts as sizing each record, and each body as encoded alone',
		(_w, records, size, max) => {
			const plan = fullPlan(records, size, max);
			expect(plan.planned).toBe(true);
			expect(plan.batches).toEqual(expected(records, size, max));
			plan.batches.forEach((batch, index) => {
				const body = plan.takeBody(index);
				expect(body.equals(encodeBatch('events', records, batch))).toBe(true);
				if (batch.end - batch.start > 1) expect(body.length).toBeLessThanOrEqual(max);
			});
		},
	);

	it('encodes batch 1 at once and the others when asked, counting windows until then', () => {
		const records = Array.from({ length: 25 }, (_, i) => record(i, 40));
		const plan = new BatchPlan('events', records, 10, 1000);
		const encode = jest.spyOn(batching, 'encodeBatch');
		try {
			expect(plan.batches.map((b) => [b.number, b.start, b.end])).toEqual([
				[1, 0, 10],
				[2, 10, 20],
				[3, 20, 25],
			]);
			expect(plan.planned).toBe(false);
			plan.settle(1);
			expect(encode).toHaveBeenCalledTimes(1);
			expect(plan.planned).toBe(false);
			plan.planRest();
			expect(encode).toHaveBeenCalledTimes(2);
			expect(plan.planned).toBe(true);
		} finally {
			encode.mockRestore();
		}
	});

	it('re-cuts from a window over the bound, and counts the batches again', () => {
		// Windows of 10: the first fits, the second does not (two records are large).
		const sizes = [...Array(10).fill(40), 40, 400, 400, ...Array(12).fill(40)];
		const records = sizes.map((n, i) => record(i, n));
		const plan = new BatchPlan('events', records, 10, 600);
		expect(plan.batches).toHaveLength(3);
		plan.settle(1);
		expect(plan.planned).toBe(true);
		expect(plan.batches).toEqual(expected(records, 10, 600));
		expect(plan.batches.length).toBeGreaterThan(3);
	});

	it('hands each body out once: the Buffer goes with its request', () => {
		const records = [record(0, 40), record(1, 40)];
		const plan = fullPlan(records, 1, 1000);
		const first = plan.takeBody(0);
		expect(JSON.parse(first.toString())).toEqual({ events: [records[0]] });
		// Asked again (never by delivery), it is encoded anew rather than kept.
		expect(plan.takeBody(0).equals(first)).toBe(true);
	});

	it('sizes one record alone, for the message of a record too large even alone', () => {
		const records = [record(0, 40), record(1, 500)];
		expect(new BatchPlan('events', records, 10).bytesOf(1)).toBe(bytesOf(records[1]));
	});

	it('keeps the cuts an earlier try sent, whatever their size now, and plans the rest', () => {
		const records = Array.from({ length: 25 }, (_, i) => record(i, 40));
		const plan = new BatchPlan('events', records, 10, 300, [
			{ start: 0, end: 9 },
			{ start: 9, end: 12 },
		]);
		plan.planRest();
		const rest = expected(records.slice(12), 10, 300);
		expect(plan.batches).toEqual([
			{ number: 1, start: 0, end: 9 },
			{ number: 2, start: 9, end: 12 },
			...rest.map((b, k) => ({ number: k + 3, start: b.start + 12, end: b.end + 12 })),
		]);
		expect(JSON.parse(plan.takeBody(0).toString()).events).toHaveLength(9);
	});
});

describe('earlierCuts', () => {
	it.each([
		['none sent', [], [0, 1, 2, 3], []],
		[
			'two writes',
			[[0, 1], [2]],
			[0, 1, 2, 3],
			[
				{ start: 0, end: 2 },
				{ start: 2, end: 3 },
			],
		],
		['an item with two records', [[0, 0, 1]], [0, 0, 1, 2], [{ start: 0, end: 3 }]],
		[
			'a later write past one no longer found',
			[[0, 1], [2, 2], [3]],
			[0, 1, 2, 3],
			[
				{ start: 0, end: 2 },
				{ start: 3, end: 4 },
			],
		],
		['a write that no longer starts at record 0', [[1, 2]], [0, 1, 2, 3], [{ start: 1, end: 3 }]],
		['an item that now gives another number of records', [[0, 0, 1]], [0, 1, 2], []],
		['more than there are now', [[0, 1, 2, 3, 4]], [0, 1, 2], []],
	])('%s', (_what, earlier, itemIndexes, cuts) => {
		expect(earlierCuts(earlier, itemIndexes)).toEqual(cuts);
	});
});
