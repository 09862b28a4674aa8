import { planBatches } from '../../nodes/Bento/helpers/batching';

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
