// n8n's package scanner (@n8n/scan-community-package), both of its legs, on this checkout: the
// source (package.json, nodes/, credentials/) and the tarball `npm pack` makes of the build (its
// .js files and package.json). The scanner's own command line scans only published versions
// (it downloads them and their provenance); its module lints a folder with the same rules.
// Needs `npm run build` first: the tarball packs dist/.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import {
	analyzePackage,
	SOURCE_FILE_PATTERNS,
} from '@n8n/scan-community-package/scanner/scanner.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
if (!existsSync(path.join(root, 'dist/nodes'))) {
	console.error('dist/ is missing: run `npm run build` first (the tarball packs it).');
	process.exit(1);
}

const work = mkdtempSync(path.join(tmpdir(), 'bento-scan-'));
try {
	const packed = execFileSync(
		'npm',
		['pack', '--ignore-scripts', '--silent', '--pack-destination', work],
		{ cwd: root, encoding: 'utf8' },
	);
	const tarball = path.join(work, packed.trim().split('\n').pop());
	const unpacked = path.join(work, 'package');
	execFileSync('tar', ['-xzf', tarball, '-C', work]);

	const legs = [
		['source', await analyzePackage(root, SOURCE_FILE_PATTERNS)],
		['tarball', await analyzePackage(unpacked, ['**/*.js', 'package.json'])],
	];
	for (const [leg, result] of legs) {
		console.log(`${leg}: ${result.passed ? 'clean' : result.message}`);
		if (result.details) console.log(result.details);
	}
	process.exitCode = legs.every(([, result]) => result.passed) ? 0 : 1;
} finally {
	rmSync(work, { recursive: true, force: true });
}
