import {
	bodyOverhead,
	encodeBatch,
	MAX_REQUEST_BYTES,
	planBatches,
	serializeRecords,
} from '../../nodes/Bento/engines/batchDelivery/batching';

describe('planBatches', () => {
	it.each([
		[0, 1000, []],
		[1, 1000, [1]],
		[1000, 1000, [1000]],
		[1001, 1000, [1000, 1]],
		[2500, 1000, [1000, 1000, 500]],
		[250, 100, [100, 100, 50]],
	])('%i records in batches of %i have sizes %p', (count, size, sizes) => {
		const batches = planBatches(count, size);
		expect(batches.map((b) => b.end - b.start)).toEqual(sizes);
		expect(batches.map((b) => b.number)).toEqual(sizes.map((_, i) => i + 1));
		// Contiguous and complete: each batch starts where the one before ended.
		expect(batches.map((b) => b.start)).toEqual(sizes.map((_, i) => i * size));
		expect(batches.at(-1)?.end ?? 0).toBe(count);
	});

	it.each([0, -1, 1.5, Number.NaN])('refuses a batch size of %p', (size) => {
		expect(() => planBatches(1, size)).toThrow(RangeError);
	});
});

describe('planBatches by size', () => {
	// {"events":[...]}: 13 bytes around the records, one comma between two.
	const overhead = bodyOverhead('events');

	it('knows the body around the records', () => {
		expect(overhead).toBe(Buffer.byteLength('{"events":[]}'));
	});

	it.each([
		['all fit', [10, 10, 10], 100, 1000, [3]],
		['the bound cuts first', [40, 40, 40, 40], 1000, overhead + 81, [2, 2]],
		['one byte short of two', [40, 40, 40], 1000, overhead + 80, [1, 1, 1]],
		['the count cuts first', [1, 1, 1, 1, 1], 2, 1000, [2, 2, 1]],
		['a record over the bound goes alone', [10, 500, 10, 10], 1000, 100, [1, 1, 2]],
		['only records over the bound', [500, 500], 1000, 100, [1, 1]],
	])('%s', (_what, each, size, max, sizes) => {
		const batches = planBatches(each.length, size, { each, overhead, max });
		expect(batches.map((b) => b.end - b.start)).toEqual(sizes);
		expect(batches.map((b) => b.number)).toEqual(sizes.map((_, i) => i + 1));
		for (const b of batches) {
			const body = overhead + each.slice(b.start, b.end).reduce((a, n) => a + n + 1, -1);
			if (b.end - b.start > 1) expect(body).toBeLessThanOrEqual(max);
		}
	});

	it('encodes from the records’ JSON exactly as from the records', () => {
		const records = [{ a: 'é "q"\n😀' }, { b: [1, 2] }, { c: null }];
		const serialized = serializeRecords(records);
		expect(serialized.bytes).toEqual(records.map((r) => Buffer.byteLength(JSON.stringify(r))));
		const batch = { number: 1, start: 1, end: 3 };
		expect(encodeBatch('events', records, batch, serialized).toString()).toBe(
			encodeBatch('events', records, batch).toString(),
		);
		const all = encodeBatch('events', records, { start: 0, end: 3 }, serialized);
		expect(all.length).toBe(overhead + serialized.bytes.reduce((a, n) => a + n + 1, -1));
	});

	it('bounds requests to 1 MB by default', () => {
		expect(MAX_REQUEST_BYTES).toBe(1_000_000);
	});
});
