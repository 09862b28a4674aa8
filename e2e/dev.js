'use strict';
// `npm run dev`: the n8n editor on http://127.0.0.1:5678 with this package installed from the
// working tree, an owner account, a credential for the local Bento sandbox and the example
// workflows. TypeScript is rebuilt on change and n8n restarted to load it. Ctrl-C stops it all.
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const { startBentoSandbox } = require('../sandbox/server');
const {
	DEV_WEBHOOK_SECRET,
	loadExamples,
	sandboxCredential,
	webhookCredential,
} = require('./lib/examples');
const { N8n, OWNER, ROOT, ensureN8n, log } = require('./lib/n8n');

const MAJOR = Number(process.env.DEV_N8N_MAJOR ?? 1);
const USER_FOLDER = path.join(ROOT, '.n8n-dev');
const children = [];

/** Links the working tree where n8n looks for community packages, so a rebuild is picked up. */
function linkPackage() {
	const dir = path.join(USER_FOLDER, '.n8n/nodes/node_modules');
	fs.mkdirSync(dir, { recursive: true });
	const link = path.join(dir, 'n8n-nodes-bentonow');
	fs.rmSync(link, { recursive: true, force: true });
	fs.symlinkSync(ROOT, link, 'dir');
}

async function main() {
	ensureN8n(MAJOR);
	log('building');
	await new Promise((resolve, reject) => {
		const build = spawn('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'inherit' });
		build.on('exit', (code) => (code === 0 ? resolve() : reject(new Error('build failed'))));
	});
	const sandbox = await startBentoSandbox({ port: Number(process.env.BENTO_SANDBOX_PORT ?? 4010) });
	const firstRun = !fs.existsSync(path.join(USER_FOLDER, '.n8n/database.sqlite'));
	fs.mkdirSync(USER_FOLDER, { recursive: true });
	linkPackage();
	const n8n = new N8n(MAJOR, { userFolder: USER_FOLDER, port: 5678 });
	await n8n.importCredentials([sandboxCredential(sandbox), webhookCredential()]);
	await n8n.importWorkflows(loadExamples());

	await n8n.start({ quiet: false });
	if (firstRun) await n8n.setupOwner();

	let seen = 0;
	const timer = setInterval(() => {
		for (; seen < sandbox.state.requests.length; seen++) {
			const r = sandbox.state.requests[seen];
			log(
				`sandbox: ${r.method} ${r.path} -> ${r.status}${r.events ? ` (${r.events} events)` : ''}`,
			);
		}
	}, 500);

	// Rebuild on change; restart n8n so that it loads the new build.
	const tsc = spawn('npx', ['tsc', '--watch', '--preserveWatchOutput'], {
		cwd: ROOT,
		stdio: ['ignore', 'pipe', 'inherit'],
	});
	children.push(tsc);
	let compiles = 0;
	tsc.stdout.on('data', async (chunk) => {
		const text = chunk.toString();
		process.stdout.write(text);
		// The first compile is the build n8n already runs; restart on the ones after it.
		if (!/Found 0 errors/.test(text) || compiles++ === 0) return;
		log('rebuilt: restarting n8n');
		await n8n.stop();
		await n8n.start({ quiet: false });
	});

	console.log('');
	console.log(
		`n8n ${MAJOR}.x editor: http://127.0.0.1:5678  (sign in: ${OWNER.email} / ${OWNER.password})`,
	);
	console.log(
		`Bento sandbox: ${sandbox.baseUrl}  (what it received: ${sandbox.origin}/__sandbox/state)`,
	);
	console.log(
		'Open "Bento: bulk import a CSV of customers as events" and press Execute workflow. Ctrl-C stops everything.',
	);
	console.log(
		`Bento Trigger: open "Bento Trigger: a Bento purchase to a Slack message...", Execute step (it listens), then: npm run sandbox -- send-webhook http://127.0.0.1:5678/webhook-test/2b7d4e1a-8c3f-4a6e-9d21-5f0c7b3a1e84/webhook --secret ${DEV_WEBHOOK_SECRET}`,
	);

	const stop = async () => {
		clearInterval(timer);
		for (const child of children) child.kill('SIGTERM');
		await n8n.stop();
		await sandbox.close();
		process.exit(0);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

main().catch((error) => {
	console.error(`dev failed: ${error.message}`);
	for (const child of children) child.kill('SIGTERM');
	process.exit(1);
});
