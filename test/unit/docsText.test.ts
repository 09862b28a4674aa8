import { mismatches, row } from '../helpers/docsText';

describe("the docs test's reading of a page", () => {
	it('a page whose number differs from the code fails, naming the constant and what it says', () => {
		const documented = row('MAX_RUNS', 1000, 'x.md|keeps at most # runs');
		expect(mismatches(documented, 'the record keeps at most\n**1,000** runs')).toEqual([]);
		expect(mismatches(documented, 'the record keeps at most 200 runs')).toEqual([
			'x.md: "keeps at most 200 runs" says 200, but MAX_RUNS is 1000',
		]);
		expect(mismatches(documented, 'the record keeps runs')).toEqual([
			'x.md: no "keeps at most # runs" (MAX_RUNS is 1000)',
		]);
		const hour = row('MAX_IDLE_MS (hours)', 1, 'x.md|after # hour unused');
		expect(mismatches(hour, 'after an hour unused')).toEqual([]);
		expect(mismatches(hour, 'after 6 hours unused')).toHaveLength(1);
	});
});
