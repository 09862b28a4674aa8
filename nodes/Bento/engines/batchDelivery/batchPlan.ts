import {
	type Batch,
	bodyOverhead,
	encodeBatch,
	MAX_REQUEST_BYTES,
	planBatches,
	serializeRecords,
} from './batching';
import type { Range } from './words';

/**
 * One run's batches and their bodies, each encoded once, as late as possible: batch k+1 while
 * Bento handles batch k. Cuts are greedy: each batch holds as many records, in order, as Batch
 * Size and MAX_REQUEST_BYTES allow.
 *
 * Until a batch is encoded (settled), it is a window of Batch Size records: most windows fit the
 * byte bound, and then one JSON.stringify of the window is both the body and its size, as a plain
 * sender does. A window over the bound re-cuts its stretch of records (up to the next cut an
 * earlier try sent, or the end), each record sized alone (the same greedy cuts): the number of
 * batches may grow, and `batches.length` is final only once `planned`.
 */
export class BatchPlan {
	/** The batches in order, numbered from 1; the first `settledCount` are final. */
	readonly batches: Batch[] = [];

	private readonly bodies: Array<Buffer | undefined> = [];

	/**
	 * Whether each batch is final: encoded (its body may since have been handed out), re-cut, or
	 * a cut an earlier try sent (kept as it is, whatever its size now). The others are windows.
	 */
	private readonly final: boolean[] = [];

	private settledCount = 0;

	/**
	 * `earlier`: the cuts an earlier try of this run sent, in order (see earlierCuts); the records
	 * around them are planned as usual.
	 */
	constructor(
		private readonly bodyKey: string,
		private readonly records: unknown[],
		private readonly size: number,
		private readonly max = MAX_REQUEST_BYTES,
		earlier: Range[] = [],
	) {
		let from = 0;
		for (const cut of [...earlier, { start: records.length, end: records.length }]) {
			for (const window of planBatches(cut.start - from, size))
				this.add(from + window.start, from + window.end, false);
			if (cut.end > cut.start) this.add(cut.start, cut.end, true);
			from = cut.end;
		}
		this.settle(0);
	}

	/** Whether every batch is final: the count of batches too. */
	get planned(): boolean {
		return this.settledCount === this.batches.length;
	}

	/** Makes batches up to `index` final (Infinity: all), their bodies encoded. */
	settle(index: number): void {
		for (;;) {
			while (!this.planned && this.final[this.settledCount]) this.settledCount++;
			if (this.planned || this.settledCount > index) return;
			this.settleWindow(this.settledCount);
		}
	}

	/** Makes every batch final (a message about the whole run needs the final count). */
	planRest(): void {
		this.settle(Number.POSITIVE_INFINITY);
	}

	/** Batch `index`'s body; handed out once (a retry resends the same Buffer). */
	takeBody(index: number): Buffer {
		this.settle(index);
		const body = this.bodies[index] ?? this.encode(this.batches[index]);
		this.bodies[index] = undefined;
		return body;
	}

	/** The body of any range of records (a half of a batch Bento refused as too large). */
	encode(range: Range): Buffer {
		return encodeBatch(this.bodyKey, this.records, range);
	}

	/** Record `k`'s size in bytes of JSON, for the message of a record too large even alone. */
	bytesOf(k: number): number {
		return Buffer.byteLength(JSON.stringify(this.records[k]));
	}

	private add(start: number, end: number, final: boolean): void {
		this.batches.push({ number: this.batches.length + 1, start, end });
		this.final.push(final);
		this.bodies.push(undefined);
	}

	private settleWindow(index: number): void {
		const window = this.batches[index];
		const body = this.encode(window);
		if (body.length > this.max && window.end - window.start > 1) return this.cutEach(index);
		this.bodies[index] = body;
		this.final[index] = true;
	}

	/**
	 * Re-cuts the windows from `index` to the next final batch (a kept cut) or the end, each
	 * record sized alone; the new batches get their bodies, and every batch after them its new
	 * number. (Batches settle in order: nothing after `index` but kept cuts is final yet.)
	 */
	private cutEach(index: number): void {
		let last = index;
		while (last + 1 < this.batches.length && !this.final[last + 1]) last++;
		const from = this.batches[index].start;
		const stretch = this.records.slice(from, this.batches[last].end);
		const serialized = serializeRecords(stretch);
		const cuts = planBatches(stretch.length, this.size, {
			each: serialized.bytes,
			overhead: bodyOverhead(this.bodyKey),
			max: this.max,
		});
		const count = last - index + 1;
		this.batches.splice(
			index,
			count,
			...cuts.map((c) => ({ ...c, start: from + c.start, end: from + c.end })),
		);
		this.final.splice(index, count, ...cuts.map(() => true));
		this.bodies.splice(
			index,
			count,
			...cuts.map((c) => encodeBatch(this.bodyKey, stretch, c, serialized)),
		);
		this.batches.forEach((batch, k) => (batch.number = k + 1));
	}
}

/**
 * The record ranges of the writes an earlier try of this run sent (`earlier`: each one's input
 * items, in the order sent; see BentoTransport.earlierWrites), where this try's records
 * (`itemIndexes`: each record's input item, in order) hold the same items in a row. A write no
 * longer found so (an item that now gives another number of records) is left out.
 */
export function earlierCuts(earlier: number[][], itemIndexes: number[]): Range[] {
	return locateEarlierWrites(earlier, itemIndexes).filter((cut): cut is Range => cut !== undefined);
}

/**
 * Where each earlier write (`earlier`, as in earlierCuts) stands whole in this try's records, in
 * order; `undefined` for a write not found whole (an item of it refused now, or giving another
 * number of records, or one valid now in its midst).
 */
export function locateEarlierWrites(
	earlier: number[][],
	itemIndexes: number[],
): Array<Range | undefined> {
	const found: Array<Range | undefined> = [];
	let from = 0;
	for (const items of earlier) {
		const start = findInRow(itemIndexes, items, from);
		if (start === undefined) {
			found.push(undefined);
			continue;
		}
		found.push({ start, end: start + items.length });
		from = start + items.length;
	}
	return found;
}

/**
 * Where `items` stand in a row in `itemIndexes` (ascending: an item's records are together), at
 * or after `from`; a write may begin at any record of its first item.
 */
function findInRow(itemIndexes: number[], items: number[], from: number): number | undefined {
	const matches = (start: number) => items.every((item, k) => itemIndexes[start + k] === item);
	for (
		let start = firstAtOrAfter(itemIndexes, items[0], from);
		itemIndexes[start] === items[0];
		start++
	)
		if (matches(start)) return start;
	return undefined;
}

/** The first position at or after `from` in `sorted` (ascending) holding `value` or more. */
function firstAtOrAfter(sorted: number[], value: number, from: number): number {
	let low = from;
	let high = sorted.length;
	while (low < high) {
		const middle = (low + high) >>> 1;
		if (sorted[middle] < value) low = middle + 1;
		else high = middle;
	}
	return low;
}
