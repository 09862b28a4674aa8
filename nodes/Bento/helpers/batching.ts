/** A slice of the valid events that goes out as one request. */
export interface Batch<T> {
	/** 1-based, as users count batches in messages. */
	number: number;
	entries: T[];
}

/** Splits entries, in order, into batches of at most `size`. */
export function toBatches<T>(entries: T[], size: number): Array<Batch<T>> {
	if (!Number.isInteger(size) || size < 1) throw new RangeError(`Batch size ${size} is not a positive integer`);
	const batches: Array<Batch<T>> = [];
	for (let start = 0; start < entries.length; start += size) {
		batches.push({ number: batches.length + 1, entries: entries.slice(start, start + size) });
	}
	return batches;
}
