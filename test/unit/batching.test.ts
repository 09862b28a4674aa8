import { toBatches } from '../../nodes/Bento/helpers/batching';

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('toBatches', () => {
	it.each([
		[0, 1000, []],
		[1, 1000, [1]],
		[1000, 1000, [1000]],
		[1001, 1000, [1000, 1]],
		[2500, 1000, [1000, 1000, 500]],
		[250, 100, [100, 100, 50]],
	])('%i entries in batches of %i have sizes %p', (count, size, sizes) => {
		const batches = toBatches(range(count), size);
		expect(batches.map((b) => b.entries.length)).toEqual(sizes);
		expect(batches.map((b) => b.number)).toEqual(sizes.map((_, i) => i + 1));
		expect(batches.flatMap((b) => b.entries)).toEqual(range(count));
	});

	it.each([0, -1, 1.5, Number.NaN])('refuses a batch size of %p', (size) => {
		expect(() => toBatches([1], size)).toThrow(RangeError);
	});
});
