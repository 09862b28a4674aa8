import { CLOCK_TEST_BY, LONG_BLOCK_TESTS } from '../../nodes/Bento/transport/limitState';
import { mismatches, page, row } from '../helpers/docsText';

// How the account's line tells Bento's ways of counting apart (transport/limitState.ts), as
// docs/limits-and-retries.md states it: each number held to its constant, as
// test/unit/docs.test.ts holds the others.

const DOCUMENTED = [
	row(
		'CLOCK_TEST_BY (%)',
		Math.round(CLOCK_TEST_BY * 100),
		'docs/limits-and-retries.md|(at most #% of it after the window',
	),
	row(
		'LONG_BLOCK_TESTS',
		LONG_BLOCK_TESTS,
		'docs/limits-and-retries.md|(`LONG_BLOCK_TESTS`, # a window)',
	),
];

describe("the numbers the docs state about how the line tells Bento's counting apart", () => {
	it.each(DOCUMENTED.map((d) => [`${d.constant} in ${d.file}: "${d.phrase}"`, d] as const))(
		'%s',
		(_name, documented) => {
			expect(mismatches(documented, page(documented.file))).toEqual([]);
		},
	);
});
