import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { BentoTransport } from '../../transport';
import { locateEarlierWrites } from './batchPlan';
import { failureOf } from './failure';
import { toCount } from './output';
import type { DeliveryPlan } from './plan';
import type { Range } from './words';

/**
 * Records of this try whose input items an earlier try's write carried (`items`, as it was sent),
 * where that write is not found whole now: they get its outcome and are never sent again.
 */
interface Claim {
	items: number[];
	/** Positions in the full plan's records, ascending. */
	records: number[];
}

/** A run's records split by what earlier tries of the run (n8n's Retry On Fail) wrote. */
export interface RerunSplit<T extends IDataObject> {
	/** The records that may go (on a first try: all), with their input items and output places. */
	plan: DeliveryPlan<T>;
	/** The earlier writes found whole among `plan`'s records: kept as cuts (see BatchPlan). */
	cuts: Range[];
	claims: Claim[];
}

/**
 * Splits `plan`'s records by the writes an earlier try of this run sent (answered, or failed
 * after it may have reached Bento; see BentoTransport.earlierWrites). A write found whole in a
 * row stays a cut, sent through the transport, which gives its outcome again. A write not found
 * whole (an item of it refused now, or an item valid now in its midst) claims this try's records
 * of the items it carried, as many of each as it carried: all of an item inside it, the last ones
 * of its first item and the first ones of its last (an item may straddle two batches). Claimed
 * records are not sent; they get the write's outcome. When an item it carried now gives fewer
 * records than it carried, or one inside it another number, the write claims nothing (the known
 * limit in docs/limits-and-retries.md: those records are not the ones it sent). O(1) per record
 * and per earlier record.
 */
export function splitByEarlierWrites<T extends IDataObject>(
	transport: BentoTransport,
	plan: DeliveryPlan<T>,
): RerunSplit<T> {
	const earlier = transport.earlierWrites(plan.endpoint);
	const { itemIndexes } = plan;
	const found = locateEarlierWrites(earlier, itemIndexes);
	const cuts = found.filter((cut): cut is Range => cut !== undefined);
	if (cuts.length === earlier.length) return { plan, cuts, claims: [] };
	const owner = claimRecords(earlier, found, itemIndexes, cuts);
	const claimed = new Map<number, number[]>();
	const kept: number[] = [];
	for (let k = 0; k < itemIndexes.length; k++) {
		const write = owner[k];
		if (write < 0) {
			kept.push(k);
			continue;
		}
		const records = claimed.get(write);
		if (records) records.push(k);
		else claimed.set(write, [k]);
	}
	if (claimed.size === 0) return { plan, cuts, claims: [] };
	const keptAt = new Int32Array(itemIndexes.length);
	kept.forEach((k, position) => (keptAt[k] = position));
	const pick = <V>(values: V[]) => kept.map((k) => values[k]);
	return {
		plan: {
			...plan,
			records: pick(plan.records),
			itemIndexes: pick(itemIndexes),
			outputIndexes: pick(plan.outputIndexes),
		},
		// A cut's records are never claimed: it stays in a row among the kept records.
		cuts: cuts.map((cut) => ({ start: keptAt[cut.start], end: keptAt[cut.end - 1] + 1 })),
		claims: [...claimed]
			.sort(([a], [b]) => a - b)
			.map(([write, records]) => ({ items: earlier[write], records })),
	};
}

/**
 * For each record, the earlier write (its index in `earlier`) not found whole that claims it, or
 * -1 (see splitByEarlierWrites). `found`: each write's cut, if found whole.
 */
function claimRecords(
	earlier: number[][],
	found: Array<Range | undefined>,
	itemIndexes: number[],
	cuts: Range[],
): Int32Array {
	const inCut = new Uint8Array(itemIndexes.length);
	for (const cut of cuts) inCut.fill(1, cut.start, cut.end);
	// Each item's records outside the cuts (in a row: cuts hold an item's first or last ones).
	const free = new Map<number, { first: number; count: number }>();
	itemIndexes.forEach((item, k) => {
		if (inCut[k]) return;
		const run = free.get(item);
		if (run) run.count++;
		else free.set(item, { first: k, count: 1 });
	});
	const owner = new Int32Array(itemIndexes.length).fill(-1);
	earlier.forEach((items, write) => {
		if (found[write]) return;
		const ranges: Range[] = [];
		for (let i = 0; i < items.length; ) {
			let j = i;
			while (j < items.length && items[j] === items[i]) j++;
			const carried = j - i;
			const run = free.get(items[i]) ?? { first: 0, count: 0 };
			const isFirst = i === 0;
			const isLast = j === items.length;
			// An item refused now has no records left to claim.
			if (run.count > 0) {
				const fits = isFirst || isLast ? run.count >= carried : run.count === carried;
				if (!fits || (isFirst && isLast && run.count !== carried)) return;
				const start = isFirst && !isLast ? run.first + run.count - carried : run.first;
				ranges.push({ start, end: start + carried });
			}
			i = j;
		}
		for (const { start, end } of ranges)
			for (let k = start; k < end; k++) if (owner[k] < 0) owner[k] = write;
	});
	return owner;
}

/** Input items as a short list, runs as ranges: `0, 2`, `3-7`. */
function itemList(items: number[]): string {
	const parts: string[] = [];
	for (let i = 0; i < items.length; ) {
		let j = i;
		while (j + 1 < items.length && items[j + 1] <= items[j] + 1) j++;
		parts.push(items[i] === items[j] ? String(items[i]) : `${items[i]}-${items[j]}`);
		i = j + 1;
	}
	return parts.join(', ');
}

/**
 * Puts out each claimed record (see splitByEarlierWrites) with its write's outcome, asked of the
 * transport with that write's items (its rerun record answers; nothing is sent): Bento's answer
 * (the record as the earlier try sent it, `deliveredByEarlierTry: true` and a note, and the
 * answer's counts), or its "may have been sent" failure, with what to check in Bento: an error
 * item each with Continue On Fail, else thrown before anything else is sent. Returns the
 * maybe-sent records in words, for the run's hint.
 */
export async function giveEarlierOutcomes<T extends IDataObject>(
	ctx: IExecuteFunctions,
	transport: BentoTransport,
	plan: DeliveryPlan<T>,
	claims: Claim[],
	output: INodeExecutionData[],
): Promise<string[]> {
	const maybeSent: string[] = [];
	for (const { items, records } of claims) {
		const claimedItems = records.map((k) => plan.itemIndexes[k]);
		const batch = `items ${itemList(items)}`;
		const what = `${claimedItems.length > 1 ? 'Items' : 'Item'} ${itemList(claimedItems)}`;
		let answer: IDataObject;
		try {
			const earlier = transport.earlierOutcome(plan.endpoint, items);
			if (!earlier) throw new Error(`No outcome kept for the earlier write of ${batch}`);
			answer = earlier.body;
		} catch (error) {
			const where = `${what} (sent by an earlier try of this run in the batch of ${batch})`;
			const own = { ...plan, records: records.map((k) => plan.records[k]) };
			const range = { start: 0, end: records.length };
			const { failure } = failureOf(ctx, transport, own, { where, range }, error);
			if (!plan.continueOnFail) {
				failure.description = `${failure.description ?? ''} Nothing else was sent on this try.`;
				throw failure;
			}
			maybeSent.push(`${what.toLowerCase()}, of ${batch} sent by an earlier try`);
			for (const k of records)
				output[plan.outputIndexes[k]] = {
					json: { error: failure.message },
					pairedItem: { item: plan.itemIndexes[k] },
				};
			continue;
		}
		putOutDeliveredEarlier(plan, output, { items, records }, answer);
	}
	return maybeSent;
}

/**
 * Claimed records of a write Bento answered: reported as delivered by it. `fromAnswer` reads the
 * answer at the record's place in that write (its item's first place there, plus its rank among
 * the item's records), when that place holds the same item.
 */
function putOutDeliveredEarlier<T extends IDataObject>(
	plan: DeliveryPlan<T>,
	output: INodeExecutionData[],
	{ items, records }: Claim,
	answer: IDataObject,
): void {
	const firstAt = new Map<number, number>();
	items.forEach((item, position) => {
		if (!firstAt.has(item)) firstAt.set(item, position);
	});
	const results = toCount(answer.results ?? answer.result);
	const failed = toCount(answer.failed);
	const note = `Delivered by an earlier try of this run (n8n's Retry On Fail), in the batch of items ${itemList(items)}: not sent again.`;
	let rank = 0;
	records.forEach((k, n) => {
		const item = plan.itemIndexes[k];
		rank = n > 0 && plan.itemIndexes[records[n - 1]] === item ? rank + 1 : 0;
		const json: IDataObject = { [plan.recordKey]: plan.records[k], results, failed };
		json.deliveredByEarlierTry = true;
		json.note = note;
		const position = (firstAt.get(item) ?? -1) + rank;
		if (plan.fromAnswer && items[position] === item)
			Object.assign(json, plan.fromAnswer(answer, position));
		output[plan.outputIndexes[k]] = { json, pairedItem: { item } };
	});
}
