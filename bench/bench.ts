// `npm run bench`: the node against the floor (plain Node POSTing the same batches), requests
// against one-per-item, delivery under a scaled-down rate limit, memory and growth. Everything
// runs against the local Bento stand-in on 127.0.0.1, in its own process.
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { IDataObject } from 'n8n-workflow';

import '../test/setup';
import { runBentoNode } from '../test/helpers/runNode';
import { makeEvents } from './events';
import { sendFloor, type Target } from './floor';

const ROOT = path.resolve(__dirname, '../..');
const args = process.argv.slice(2);
const smoke = args.includes('--smoke');

interface Sandbox extends Target {
	child: ChildProcess;
	origin: string;
}

async function startSandbox(): Promise<Sandbox> {
	const child = fork(path.join(ROOT, 'sandbox/cli.js'), [], {
		env: { ...process.env, BENTO_SANDBOX_PORT: '0' },
		stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
	});
	const info = await new Promise<Target & { port: number }>((resolve) =>
		child.once('message', resolve as never),
	);
	return { ...info, child, origin: `http://127.0.0.1:${info.port}` };
}

async function control(sandbox: Sandbox, what: string, body?: unknown): Promise<IDataObject> {
	const res = await fetch(`${sandbox.origin}/__sandbox/${what}`, {
		method: body === undefined && what === 'state?events=0' ? 'GET' : 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	return (await res.json()) as IDataObject;
}

const state = async (s: Sandbox) => await control(s, 'state?events=0');
const reset = async (s: Sandbox) => await control(s, 'reset', {});

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const autoMap = (options: IDataObject = {}) => ({
	resource: 'event',
	operation: 'create',
	mappingMode: 'autoMapInputData',
	options,
});

async function timeNode(sandbox: Sandbox, events: IDataObject[], options: IDataObject = {}) {
	const items = events.map((json) => ({ json }));
	const started = performance.now();
	const result = await runBentoNode({
		parameters: autoMap(options),
		items,
		credentials: { ...sandbox.keys, baseUrl: sandbox.baseUrl },
	});
	const wall = performance.now() - started;
	if (result.error) throw new Error(`Node run failed: ${result.error.message}`);
	if (result.outputs[0].length !== events.length) throw new Error('Node output is short');
	// n8n's own measure of the Bento node's run, as the editor shows it; `wall` adds the engine
	// around it (the stand-in input node, paired-item bookkeeping) for the whole workflow.
	return { node: result.run.data.resultData.runData.Bento[0].executionTime, wall };
}

async function timeFloor(sandbox: Sandbox, events: IDataObject[]) {
	const started = performance.now();
	const accepted = await sendFloor(sandbox, events, 1000);
	if (accepted !== events.length) throw new Error('Floor lost events');
	return performance.now() - started;
}

/** Memory of one node run in a fresh process, so earlier runs cannot hide or inflate it. */
async function measureMemory(sandbox: Sandbox, n: number): Promise<IDataObject> {
	const child = spawn(
		process.execPath,
		['--expose-gc', __filename, '--memory', String(n), JSON.stringify(sandbox)],
		{
			stdio: ['ignore', 'pipe', 'inherit'],
		},
	);
	let out = '';
	child.stdout.on('data', (c: Buffer) => (out += c.toString()));
	await new Promise((resolve) => child.on('exit', resolve));
	await reset(sandbox);
	return JSON.parse(out.trim().split('\n').pop()!) as IDataObject;
}

async function memoryChild(n: number, sandbox: Sandbox) {
	const gc = (globalThis as { gc?: () => void }).gc!;
	const events = makeEvents(n);
	let payload = 0;
	for (let s = 0; s < n; s += 1000)
		payload += Buffer.byteLength(JSON.stringify({ events: events.slice(s, s + 1000) }));
	const items = events.map((json) => ({ json }));
	// Warm the code paths with a tiny run so that loading modules is not counted.
	await runBentoNode({
		parameters: autoMap(),
		items: items.slice(0, 10),
		credentials: { ...sandbox.keys, baseUrl: sandbox.baseUrl },
	});
	gc();
	const before = process.memoryUsage();
	let peakHeap = before.heapUsed;
	let peakRss = before.rss;
	const sampler = setInterval(() => {
		const now = process.memoryUsage();
		peakHeap = Math.max(peakHeap, now.heapUsed);
		peakRss = Math.max(peakRss, now.rss);
	}, 2);
	const result = await runBentoNode({
		parameters: autoMap(),
		items,
		credentials: { ...sandbox.keys, baseUrl: sandbox.baseUrl },
	});
	clearInterval(sampler);
	const after = process.memoryUsage();
	peakHeap = Math.max(peakHeap, after.heapUsed);
	peakRss = Math.max(peakRss, after.rss);
	if (result.error) throw new Error(result.error.message);
	console.log(
		JSON.stringify({
			n,
			payload,
			heapGrowth: peakHeap - before.heapUsed,
			rssGrowth: peakRss - before.rss,
		}),
	);
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const fmt = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);

async function main() {
	const sizes = smoke ? [1000] : [1000, 10_000, 100_000];
	const runs = smoke ? 1 : 5;
	const sandbox = await startSandbox();
	const lines: string[] = [];
	const say = (line = '') => {
		lines.push(line);
		console.log(line);
	};
	try {
		const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
		say(`# Benchmarks`);
		say();
		say(
			`Measured ${new Date().toISOString().slice(0, 10)} on ${os.cpus().length} × ${cpu}, ${mb(os.totalmem())} RAM, Node ${process.version}, ${os.platform()} ${os.release()}.`,
		);
		say(
			`Stand-in Bento on 127.0.0.1 in its own process; batch size 1000; median of ${runs} run(s) after a warm-up.`,
		);
		say(`Reproduce with \`npm run bench\`.`);
		say();

		// 1, 2 and 5: time against the floor, requests, growth.
		say('## Node against the floor, and requests');
		say();
		say(
			'| events | node | floor | node / floor | whole workflow run | per event (node) | requests (node) | one request per item |',
		);
		say('|---:|---:|---:|---:|---:|---:|---:|---:|');
		for (const n of sizes) {
			const events = makeEvents(n);
			await timeNode(sandbox, events.slice(0, 1000));
			await timeFloor(sandbox, events.slice(0, 1000));
			await reset(sandbox);
			const node: number[] = [];
			const wall: number[] = [];
			const floor: number[] = [];
			let requests = 0;
			for (let r = 0; r < runs; r++) {
				floor.push(await timeFloor(sandbox, events));
				await reset(sandbox);
				const timing = await timeNode(sandbox, events);
				node.push(timing.node);
				wall.push(timing.wall);
				requests = (await state(sandbox)).requests as number;
				await reset(sandbox);
			}
			const ratio = median(node) / median(floor);
			say(
				`| ${n.toLocaleString('en')} | ${fmt(median(node))} | ${fmt(median(floor))} | ${ratio.toFixed(2)} | ${fmt(median(wall))} | ${((median(node) * 1000) / n).toFixed(1)} µs | ${requests} | ${n.toLocaleString('en')} |`,
			);
		}
		say();

		// 4 and 5: memory.
		say('## Memory of one node run (fresh process)');
		say();
		say('| events | serialized payload | peak heap growth | peak RSS growth | heap / payload |');
		say('|---:|---:|---:|---:|---:|');
		for (const n of sizes) {
			const m = await measureMemory(sandbox, n);
			const [payload, heap, rss] = [m.payload, m.heapGrowth, m.rssGrowth] as number[];
			say(
				`| ${n.toLocaleString('en')} | ${mb(payload)} | ${mb(heap)} | ${mb(rss)} | ${(heap / payload).toFixed(2)} |`,
			);
		}
		say();

		// 3: under a rate limit, scaled down from 100 per minute to 20 per 1.2 s (1000 per minute).
		const n = smoke ? 1000 : 100_000;
		const limit = { limit: 20, windowMs: 1200 };
		const perMinute = (limit.limit * 60_000) / limit.windowMs;
		say(
			`## Under a rate limit (${limit.limit} requests per ${limit.windowMs / 1000} s, i.e. ${perMinute} per minute), ${n.toLocaleString('en')} events`,
		);
		say();
		say('| sending | wall time | requests | 429 answers | events received | duplicates |');
		say('|---|---:|---:|---:|---:|---:|');
		const events = makeEvents(n);
		const batchSize = smoke ? 50 : 1000;
		// Pacing is set a little under the limit, as the README advises (e.g. 90 for Bento's 100).
		const pace = Math.floor(perMinute * 0.9);
		for (const [label, requestsPerMinute] of [
			['node, pacing off (retries)', 0],
			[`node, pacing on (${pace}/min)`, pace],
		] as const) {
			await reset(sandbox);
			await control(sandbox, 'rate-limit', limit);
			const ms = (await timeNode(sandbox, events, { requestsPerMinute, batchSize })).wall;
			const s = await state(sandbox);
			const statuses = s.byStatus as Record<string, number>;
			if (s.events !== n || s.duplicateUniqueKeys !== 0)
				throw new Error(`${label}: events were lost or duplicated`);
			say(
				`| ${label} | ${fmt(ms)} | ${s.requests} | ${statuses['429'] ?? 0} | ${(s.events as number).toLocaleString('en')} | ${s.duplicateUniqueKeys} |`,
			);
		}
		const perItemMinutes = n / perMinute;
		say(
			`| one request per item (computed) | ${perItemMinutes >= 60 ? `${(perItemMinutes / 60).toFixed(1)} h` : `${perItemMinutes.toFixed(1)} min`} | ${n.toLocaleString('en')} | | | |`,
		);
		say();
		await reset(sandbox);
	} finally {
		sandbox.child.disconnect();
	}
	if (!smoke) writeFileSync(path.join(ROOT, 'BENCHMARKS.md'), `${lines.join('\n')}\n`);
}

if (args[0] === '--memory') {
	memoryChild(Number(args[1]), JSON.parse(args[2]) as Sandbox).then(
		() => process.exit(0),
		(error) => {
			console.error(error);
			process.exit(1);
		},
	);
} else {
	main().then(
		() => process.exit(0),
		(error) => {
			console.error(error);
			process.exit(1);
		},
	);
}
