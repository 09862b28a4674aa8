/** One request's share of the records: positions [start, end) in the record list. */
export interface Batch {
	/** 1-based, as users count batches in messages. */
	number: number;
	start: number;
	end: number;
}

/** Splits `count` records, in order, into batches of at most `size`. */
export function planBatches(count: number, size: number): Batch[] {
	if (!Number.isInteger(size) || size < 1)
		throw new RangeError(`Batch size ${size} is not a positive integer`);
	const batches: Batch[] = [];
	for (let start = 0; start < count; start += size) {
		batches.push({ number: batches.length + 1, start, end: Math.min(count, start + size) });
	}
	return batches;
}

/**
 * One batch's request body, serialized once: the transport sends, and on a retry resends,
 * these bytes. Given as an object, n8n's request helper would serialize it itself, on the
 * request's critical path.
 */
export function encodeBatch(bodyKey: string, records: unknown[], batch: Batch): Buffer {
	return Buffer.from(JSON.stringify({ [bodyKey]: records.slice(batch.start, batch.end) }));
}
