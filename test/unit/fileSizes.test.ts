import { readdirSync, readFileSync } from '@n8n-nodes-bentonow/dev-host/fs';
import { join, relative } from '@n8n-nodes-bentonow/dev-host/path';
import { repoRoot } from '@n8n-nodes-bentonow/dev-host/repo';

// Files stay small enough to read whole: the node's code at most 250 lines (the team's rule),
// a test file or test helper at most 400 (one operation's tests, or one topic's).

const root = repoRoot;

export const MAX_CODE_LINES = 250;
export const MAX_TEST_LINES = 400;

const BOUNDS: Array<[folder: string, max: number]> = [
	['nodes', MAX_CODE_LINES],
	['credentials', MAX_CODE_LINES],
	['test', MAX_TEST_LINES],
];

function tsFiles(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
		entry.isDirectory()
			? entry.name === '__snapshots__'
				? []
				: tsFiles(join(dir, entry.name))
			: entry.name.endsWith('.ts')
				? [join(dir, entry.name)]
				: [],
	);
}

/** The files of `folder` longer than `max` lines, with their length. */
function tooLong(folder: string, max: number): string[] {
	return tsFiles(join(root, folder))
		.map((path) => [relative(root, path), readFileSync(path, 'utf8').split('\n').length - 1])
		.filter(([, lines]) => (lines as number) > max)
		.map(([file, lines]) => `${file}: ${lines} lines (at most ${max})`);
}

describe('file sizes', () => {
	test.each(BOUNDS)('every .ts file under %s/ has at most %i lines', (folder, max) => {
		expect(tooLong(folder, max)).toEqual([]);
	});

	test('the check sees long files', () => {
		expect(tooLong('nodes', 100).length).toBeGreaterThan(0);
	});
});
