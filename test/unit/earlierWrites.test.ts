import type { BentoTransport } from '../../nodes/Bento/transport';
import { splitByEarlierWrites } from '../../nodes/Bento/engines/batchDelivery/earlierWrites';
import type { DeliveryPlan } from '../../nodes/Bento/engines/batchDelivery/plan';

// Which of a try's records an earlier try's writes (n8n's Retry On Fail) claim: never sent again.

const transportWith = (earlier: number[][]) =>
	({ earlierWrites: () => earlier }) as unknown as BentoTransport;

/** A plan whose records are their input items, one output place each. */
function planOf(itemIndexes: number[]): DeliveryPlan<{ item: number }> {
	return {
		endpoint: '/batch/events',
		bodyKey: 'events',
		recordKey: 'event',
		noun: 'events',
		records: itemIndexes.map((item) => ({ item })),
		itemIndexes,
		outputIndexes: itemIndexes.map((_, k) => k),
		batchSize: 100,
		onRejected: 'warn' as DeliveryPlan<{ item: number }>['onRejected'],
		continueOnFail: true,
	};
}

const split = (earlier: number[][], itemIndexes: number[]) => {
	const { plan, cuts, claims } = splitByEarlierWrites(transportWith(earlier), planOf(itemIndexes));
	return { kept: plan.itemIndexes, outputs: plan.outputIndexes, cuts, claims };
};

describe('splitByEarlierWrites', () => {
	it('a first try, or every earlier write found whole: nothing claimed, the plan as given', () => {
		const plan = planOf([0, 1, 2]);
		expect(splitByEarlierWrites(transportWith([]), plan).plan).toBe(plan);
		expect(split([[0, 1], [2]], [0, 1, 2])).toMatchObject({
			kept: [0, 1, 2],
			cuts: [
				{ start: 0, end: 2 },
				{ start: 2, end: 3 },
			],
			claims: [],
		});
	});

	it('an item of the write refused now: its batch mates are claimed, the rest goes', () => {
		expect(split([[0, 1]], [1, 2])).toEqual({
			kept: [2],
			outputs: [1],
			cuts: [],
			claims: [{ items: [0, 1], records: [0] }],
		});
	});

	it('an item valid now in the midst of the write: only it goes', () => {
		expect(split([[0, 2]], [0, 1, 2])).toMatchObject({
			kept: [1],
			claims: [{ items: [0, 2], records: [0, 2] }],
		});
	});

	it('a write found whole stays a cut among the kept records, renumbered', () => {
		expect(
			split(
				[
					[0, 1],
					[2, 3],
				],
				[1, 2, 3, 4],
			),
		).toEqual({
			kept: [2, 3, 4],
			outputs: [1, 2, 3],
			cuts: [{ start: 0, end: 2 }],
			claims: [{ items: [0, 1], records: [0] }],
		});
	});

	it('an item straddling two writes: each claims only the records it carried', () => {
		// Try 1: [0, 1, 1] and [1, 2] (item 1 gives three records). Item 0 is refused now.
		expect(
			split(
				[
					[0, 1, 1],
					[1, 2],
				],
				[1, 1, 1, 2, 3],
			),
		).toEqual({
			kept: [1, 2, 3],
			outputs: [2, 3, 4],
			cuts: [{ start: 0, end: 2 }],
			claims: [{ items: [0, 1, 1], records: [0, 1] }],
		});
	});

	it('an item giving fewer records than the write carried: the write claims nothing (the known limit)', () => {
		expect(split([[0, 0, 0, 1]], [0, 0, 1, 1, 1])).toMatchObject({
			kept: [0, 0, 1, 1, 1],
			claims: [],
		});
	});
});
