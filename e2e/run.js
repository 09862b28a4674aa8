'use strict';
// `npm run test:e2e [files...]`: builds and packs the package once, then runs the e2e suites
// (every e2e/*.test.js by default), each installing that one tarball into its own running n8n.
// E2E_CONCURRENCY suites run at once (default 3: much of a suite's time is waiting on a poll,
// a Retry-After or a rate-limit window, not on the CPU), the longest suites first.
// Each suite's output is printed whole when it ends, with its time. Every suite has its own
// ports (E2E_PORT_BASE moves them all), so suites can run side by side.
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const { ensureN8n, packPackage } = require('./lib/n8n');

// Longest first (times of a CI run on the 2-core machine, 2026-12-03: 137 s down to 22 s), so
// that three at a time end close together; suites not named here follow in name order.
const FIRST = [
	'ratelimit.test.js',
	'burst.test.js',
	'scenarios.test.js',
	'trigger.test.js',
	'official.test.js',
	'sending.test.js',
	'editor.test.js',
	'exactlyOnce.test.js',
	'input.test.js',
	'audience.test.js',
	'fit.test.js',
	'library.test.js',
	'dragdrop.test.js',
	// Shaped like the broadcast suite (four runs a major); 161 s alone on a loaded machine.
	'output.test.js',
	'broadcast.test.js',
];
const rank = (file) => {
	const at = FIRST.indexOf(path.basename(file));
	return at === -1 ? FIRST.length : at;
};

const given = process.argv.slice(2);
const suites = (
	given.length
		? given
		: fs
				.readdirSync(__dirname)
				.filter((file) => file.endsWith('.test.js'))
				.map((file) => path.join('e2e', file))
).sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
const concurrency = Math.max(1, Number(process.env.E2E_CONCURRENCY ?? 3));

/** Runs one suite file in its own `node --test`; resolves with its exit code, output and time. */
function runSuite(file, tarball) {
	const started = Date.now();
	return new Promise((resolve) => {
		const child = spawn('node', ['--test', file], {
			env: { ...process.env, E2E_TARBALL: tarball },
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let output = '';
		child.stdout.on('data', (chunk) => (output += chunk));
		child.stderr.on('data', (chunk) => (output += chunk));
		child.on('close', (code) => resolve({ code, output, seconds: (Date.now() - started) / 1000 }));
	});
}

async function main() {
	// .ci/run packs once for the e2e suites and queue mode together (E2E_TARBALL).
	const packed = process.env.E2E_TARBALL;
	const tarball = packed || packPackage();
	// Each major installs once, here, before suites run side by side: installs into one folder at
	// once break each other's native builds.
	for (const major of (process.env.E2E_MAJORS ?? '1,2').split(',').map(Number)) ensureN8n(major);
	const queue = [...suites];
	const results = [];
	const worker = async () => {
		for (let file = queue.shift(); file; file = queue.shift()) {
			const result = await runSuite(file, tarball);
			process.stdout.write(
				`\n=== ${file}: ${result.code === 0 ? 'passed' : 'FAILED'} in ${result.seconds.toFixed(0)} s\n${result.output}`,
			);
			results.push({ file, ...result });
		}
	};
	await Promise.all(Array.from({ length: Math.min(concurrency, suites.length) }, worker));
	if (!packed) fs.rmSync(path.dirname(tarball), { recursive: true, force: true });
	process.stdout.write('\n=== e2e suites\n');
	for (const { file, code, seconds } of results)
		process.stdout.write(
			`${code === 0 ? 'ok    ' : 'FAILED'} ${seconds.toFixed(0).padStart(4)} s  ${file}\n`,
		);
	process.exitCode = results.every((r) => r.code === 0) ? 0 : 1;
}

main();
