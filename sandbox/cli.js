#!/usr/bin/env node
'use strict';
// `npm run sandbox`: runs the Bento stand-in on 127.0.0.1 until Ctrl-C, printing what arrives.
const { startBentoSandbox } = require('./server');

async function main() {
	const port = Number(process.env.BENTO_SANDBOX_PORT ?? 4010);
	const sandbox = await startBentoSandbox({ port });
	// Started by another process (the benchmark, the demo): tell it where, and stay quiet.
	if (process.send) {
		process.send({ port: sandbox.port, baseUrl: sandbox.baseUrl, keys: sandbox.keys });
		process.on('disconnect', () => sandbox.close().then(() => process.exit(0)));
		return;
	}
	const { keys } = sandbox;
	console.log(`Bento sandbox listening on ${sandbox.baseUrl}`);
	console.log(
		`  credential: publishable key ${keys.publishableKey}, secret key ${keys.secretKey}, site UUID ${keys.siteUuid}`,
	);
	console.log(`  base URL for the n8n credential: ${sandbox.baseUrl}`);
	console.log(`  what it received: ${sandbox.origin}/__sandbox/state`);
	let seen = 0;
	const timer = setInterval(() => {
		const { requests } = sandbox.state;
		for (; seen < requests.length; seen++) {
			const r = requests[seen];
			console.log(
				`${new Date(r.at).toISOString()} ${r.method} ${r.path} -> ${r.status}${r.events ? ` (${r.events} events)` : ''}`,
			);
		}
	}, 250);
	const stop = async () => {
		clearInterval(timer);
		console.log('Summary:', JSON.stringify(sandbox.summary()));
		await sandbox.close();
		process.exit(0);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
