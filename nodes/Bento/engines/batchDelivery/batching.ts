/**
 * The most bytes of JSON one batch request carries, body included whole (1 MB, decimal). Bento
 * documents no limit; the official Bento node keeps its requests to 1 MB. A single record
 * larger than this still goes, alone; should Bento refuse it (413), it is that item's error.
 */
export const MAX_REQUEST_BYTES = 1_000_000;

/** One request's share of the records: positions [start, end) in the record list. */
export interface Batch {
	/** 1-based, as users count batches in messages. */
	number: number;
	start: number;
	end: number;
}

/** Each record's JSON, and its size in bytes (UTF-8), to cut batches by size and encode them. */
export interface SerializedRecords {
	json: string[];
	bytes: number[];
}

/** Each of `records` serialized alone, with its size. */
export function serializeRecords(records: unknown[]): SerializedRecords {
	const json = records.map((record) => JSON.stringify(record));
	return { json, bytes: json.map((text) => Buffer.byteLength(text)) };
}

/** Bytes of a batch body around its records: `{"<bodyKey>":[` and `]}`. */
export function bodyOverhead(bodyKey: string): number {
	return Buffer.byteLength(JSON.stringify({ [bodyKey]: [] }));
}

/**
 * Splits `count` records, in order, into batches of at most `size` records and, given `bytes`
 * (each record's size and the bound on a whole body, bytes), at most `bytes.max` bytes of body,
 * whichever comes first. A record over the bound alone is a batch of one.
 */
export function planBatches(
	count: number,
	size: number,
	bytes?: { each: number[]; overhead: number; max: number },
): Batch[] {
	if (!Number.isInteger(size) || size < 1)
		throw new RangeError(`Batch size ${size} is not a positive integer`);
	const batches: Batch[] = [];
	let start = 0;
	let body = bytes?.overhead ?? 0;
	for (let i = 0; i < count; i++) {
		// A comma between records.
		const added = (bytes?.each[i] ?? 0) + (i > start ? 1 : 0);
		const full =
			i - start >= size || (bytes !== undefined && i > start && body + added > bytes.max);
		if (full) {
			batches.push({ number: batches.length + 1, start, end: i });
			start = i;
			body = (bytes?.overhead ?? 0) + (bytes?.each[i] ?? 0);
		} else {
			body += added;
		}
	}
	if (count > start) batches.push({ number: batches.length + 1, start, end: count });
	return batches;
}

/**
 * One batch's request body, serialized once: the transport sends, and on a retry resends,
 * these bytes. Given as an object, n8n's request helper would serialize it itself, on the
 * request's critical path. With `serialized`, the records' JSON made when planning is reused.
 */
export function encodeBatch(
	bodyKey: string,
	records: unknown[],
	batch: Pick<Batch, 'start' | 'end'>,
	serialized?: SerializedRecords,
): Buffer {
	if (!serialized)
		return Buffer.from(JSON.stringify({ [bodyKey]: records.slice(batch.start, batch.end) }));
	const list = serialized.json.slice(batch.start, batch.end).join(',');
	return Buffer.from(`{${JSON.stringify(bodyKey)}:[${list}]}`);
}
