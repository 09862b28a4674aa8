'use strict';
// `npm run test:e2e [files...]`: builds and packs the package once, then runs the e2e suites
// (every e2e/*.test.js by default) one after another, each installing that one tarball.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const { packPackage } = require('./lib/n8n');

const files = process.argv.slice(2);
const suites = files.length
	? files
	: fs
			.readdirSync(__dirname)
			.filter((file) => file.endsWith('.test.js'))
			.sort()
			.map((file) => path.join('e2e', file));
const tarball = packPackage();
const result = spawnSync('node', ['--test', '--test-concurrency=1', ...suites], {
	stdio: 'inherit',
	env: { ...process.env, E2E_TARBALL: tarball },
});
fs.rmSync(path.dirname(tarball), { recursive: true, force: true });
process.exitCode = result.status ?? 1;
