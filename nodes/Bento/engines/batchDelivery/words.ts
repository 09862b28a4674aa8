import type { Batch } from './batching';

/** Records [start, end) of the record list: a batch, or a part of one sent alone. */
export interface Range {
	start: number;
	end: number;
}

/**
 * How messages name records by their input items, as n8n shows them: "batches 1-2 (items
 * 0-1999)" for whole batches, "items 1000-1499 (of batch 2)" for part of one.
 */
export class BatchWords {
	/** `batchesOf` gives the batches as planned so far (the plan grows while batch 1 is sent). */
	constructor(
		private readonly batchesOf: () => Batch[],
		private readonly itemIndexes: number[],
	) {}

	private get batches(): Batch[] {
		return this.batchesOf();
	}

	private items(start: number, end: number): string {
		return `items ${this.itemIndexes[start]}-${this.itemIndexes[end - 1]}`;
	}

	private batchOf(position: number): Batch {
		return this.batches.find((b) => position >= b.start && position < b.end) ?? this.batches[0];
	}

	/** The records [start, end), or "none". */
	range(start: number, end: number): string {
		if (start >= end) return 'none';
		const from = this.batchOf(start);
		const to = this.batchOf(end - 1);
		const numbers = from === to ? `batch ${from.number}` : `batches ${from.number}-${to.number}`;
		const whole = from.start === start && to.end === end;
		return whole
			? `${numbers} (${this.items(start, end)})`
			: `${this.items(start, end)} (of ${numbers})`;
	}

	/**
	 * Where a failure happened: "Batch 2 of 3 (items 1000-1999)", or for a part of it sent alone
	 * after Bento refused the whole as too large, "Batch 2 of 3 (items 1500-1749 of 1000-1999, split
	 * after a 413)".
	 */
	where(batch: Batch, range: Range): string {
		const head = `Batch ${batch.number} of ${this.batches.length}`;
		if (range.start === batch.start && range.end === batch.end)
			return `${head} (${this.items(batch.start, batch.end)})`;
		const whole = `${this.itemIndexes[batch.start]}-${this.itemIndexes[batch.end - 1]}`;
		return `${head} (${this.items(range.start, range.end)} of ${whole}, split after a 413)`;
	}
}
