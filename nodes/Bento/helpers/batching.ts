import { sleep } from 'n8n-workflow';

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

/**
 * Runs `work` once a request that has just been started is on the wire. n8n's helper takes
 * two turns of the event loop to get there (its own steps up to the socket, then the
 * connection and the write); work done sooner would delay the request instead of overlapping
 * Bento's handling of it.
 */
export async function onceRequestLeft(work: () => void): Promise<void> {
	await sleep(0);
	await sleep(0);
	work();
}
