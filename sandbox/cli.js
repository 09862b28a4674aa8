#!/usr/bin/env node
'use strict';
// `npm run sandbox`: runs the Bento stand-in on 127.0.0.1 until Ctrl-C, printing what arrives.
// `npm run sandbox -- send-webhook <url> [--secret S] [--header H] [--event TYPE] [--email E]
// [--last-name N] [--template FILE]`:
// plays Bento's Send webhook action once against a Bento Trigger's URL and prints the answer.
const { startBentoSandbox } = require('./server');
const { sendWebhook } = require('./sendWebhook');

/** `--name value` pairs after the positional arguments. */
function flags(args) {
	const out = {};
	for (let i = 0; i < args.length; i++) {
		if (args[i].startsWith('--')) out[args[i].slice(2)] = args[++i];
	}
	return out;
}

async function sendWebhookCommand(args) {
	const url = args[0];
	if (!url || url.startsWith('--')) {
		console.error(
			'usage: npm run sandbox -- send-webhook <url> [--secret S] [--header H] [--event TYPE] [--email E] [--last-name N] [--template FILE]',
		);
		process.exit(2);
	}
	const options = flags(args.slice(1));
	const { secret, header, event, email } = options;
	const context = {};
	if (event) context.event = { type: event };
	const visitor = {};
	if (email) visitor.email = email;
	if (options['last-name'] !== undefined) visitor.last_name = options['last-name'];
	if (Object.keys(visitor).length > 0) context.visitor = visitor;
	// A Liquid body of your own (e.g. an older copy of the panel's): `{{ x }}` pasted as raw text.
	const template = options.template
		? require('node:fs').readFileSync(options.template, 'utf8')
		: undefined;
	const result = await sendWebhook(url, { secret, header, context, template });
	console.log(`POST ${url}\n${result.sent}\n-> ${result.status} ${result.body}`);
	process.exitCode = result.status >= 200 && result.status < 300 ? 0 : 1;
}

async function main() {
	const [command, ...rest] = process.argv.slice(2);
	if (command === 'send-webhook') return await sendWebhookCommand(rest);
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
