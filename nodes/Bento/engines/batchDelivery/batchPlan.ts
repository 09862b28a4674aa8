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
 * sender does. A window over the bound re-cuts every batch from there, each record sized alone
 * (the same greedy cuts), and the number of batches may grow: `batches.length` is final only once
 * `planned`.
 */
export class BatchPlan {
	/** The batches in order, numbered from 1; the first `settledCount` are final. */
	readonly batches: Batch[];

	private readonly bodies: Array<Buffer | undefined> = [];

	private settledCount = 0;

	/**
	 * `earlier`: the cuts an earlier try of this run sent (see earlierCuts), kept as they were
	 * whatever their size now; the records after them are planned as usual.
	 */
	constructor(
		private readonly bodyKey: string,
		private readonly records: unknown[],
		private readonly size: number,
		private readonly max = MAX_REQUEST_BYTES,
		earlier: Range[] = [],
	) {
		this.batches = earlier.map(({ start, end }, k) => ({ number: k + 1, start, end }));
		const from = earlier.length > 0 ? earlier[earlier.length - 1].end : 0;
		for (const { start, end } of planBatches(records.length - from, size))
			this.batches.push({ number: this.batches.length + 1, start: from + start, end: from + end });
		this.settledCount = earlier.length;
		this.settle(0);
	}

	/** Whether every batch is final: the count of batches too. */
	get planned(): boolean {
		return this.settledCount === this.batches.length;
	}

	/** Makes batches up to `index` final, their bodies encoded. */
	settle(index: number): void {
		while (this.settledCount <= index && !this.planned) this.settleNext();
	}

	/** Makes every batch final (a message about the whole run needs the final count). */
	planRest(): void {
		this.settle(this.batches.length - 1);
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

	private settleNext(): void {
		const index = this.settledCount;
		const window = this.batches[index];
		const body = this.encode(window);
		if (body.length <= this.max || window.end - window.start === 1) {
			this.bodies[index] = body;
			this.settledCount++;
			return;
		}
		this.cutEachFrom(index);
	}

	/** Re-cuts batches from `index` on, each record sized alone; all of them are then final. */
	private cutEachFrom(index: number): void {
		const from = this.batches[index].start;
		const rest = this.records.slice(from);
		const serialized = serializeRecords(rest);
		const cuts = planBatches(rest.length, this.size, {
			each: serialized.bytes,
			overhead: bodyOverhead(this.bodyKey),
			max: this.max,
		});
		this.batches.length = index;
		for (const cut of cuts) {
			this.batches.push({
				number: index + cut.number,
				start: from + cut.start,
				end: from + cut.end,
			});
			this.bodies[index + cut.number - 1] = encodeBatch(this.bodyKey, rest, cut, serialized);
		}
		this.settledCount = this.batches.length;
	}
}

/**
 * The record ranges of the writes an earlier try of this run sent (`earlier`: each one's input
 * items, in order; see BentoTransport.earlierWrites), as long as they match this try's records
 * (`itemIndexes`: each record's input item) from the first on.
 */
export function earlierCuts(earlier: number[][], itemIndexes: number[]): Range[] {
	const cuts: Range[] = [];
	let start = 0;
	for (const items of earlier) {
		const end = start + items.length;
		if (end > itemIndexes.length || items.some((item, k) => itemIndexes[start + k] !== item)) break;
		cuts.push({ start, end });
		start = end;
	}
	return cuts;
}
