// `node .bench-build/bench/cost.js [--runs=7] [--profile]`: the node's own cost with no rate
// limit, in the in-process harness (n8n-core's WorkflowExecute in this process, not a real
// n8n), against the local stand-in: Create Events 100,000 events and Run Command 10,000
// commands, warm. Prints each job's median n8n executionTime of the Bento node and its spread;
// --per-item adds Create Subscriber (10,000 requests); --profile adds the self time of the
// node's own functions (V8's sampling profiler, 250 µs).
import { fork, type ChildProcess } from '@n8n-nodes-bentonow/dev-host/child_process';
import { Session } from '@n8n-nodes-bentonow/dev-host/inspector';
import os from '@n8n-nodes-bentonow/dev-host/os';
import path from '@n8n-nodes-bentonow/dev-host/path';
import { repoRoot } from '@n8n-nodes-bentonow/dev-host/repo';
import { process, console } from '@n8n-nodes-bentonow/dev-host/runtime';
import type { IDataObject } from 'n8n-workflow';

import '../test/setup';
import { runBentoNode } from '../test/helpers/runNode';
import { makeEvents } from './events';

const ROOT = repoRoot;
const args = process.argv.slice(2);
const runs = Number(args.find((a) => a.startsWith('--runs='))?.split('=')[1] ?? 7);
const profile = args.includes('--profile');
// --per-item: also Create Subscriber, one request per item (10,000 requests in one window).
const perItem = args.includes('--per-item');

interface Job {
	label: string;
	parameters: IDataObject;
	records: IDataObject[];
}

const jobs: Job[] = [
	{
		label: 'Create Events (auto-map), 100,000 events, Batch Size 1000',
		parameters: { resource: 'event', operation: 'create', mappingMode: 'autoMapInputData' },
		records: makeEvents(100_000),
	},
	{
		label: 'Run Command (auto-map), 10,000 commands, Batch Size 100',
		parameters: {
			resource: 'subscriber',
			operation: 'runCommand',
			mappingMode: 'autoMapInputData',
			options: { batchSize: 100 },
		},
		records: Array.from({ length: 10_000 }, (_, i) =>
			i % 2
				? { command: 'add_tag', email: `user${i}@example.com`, query: 'customer' }
				: {
						command: 'add_field',
						email: `user${i}@example.com`,
						query: { key: 'plan', value: 'pro' },
					},
		),
	},
];
if (perItem)
	jobs.push({
		label: 'Create Subscriber (one request per item), 10,000 items',
		parameters: { resource: 'subscriber', operation: 'create', email: '={{ $json.email }}' },
		records: Array.from({ length: 10_000 }, (_, i) => ({ email: `user${i}@example.com` })),
	});
if (args.includes('--only-per-item')) jobs.splice(0, 2);

async function startSandbox(): Promise<{
	child: ChildProcess;
	keys: IDataObject;
	baseUrl: string;
}> {
	const child = fork(path.join(ROOT, 'sandbox/cli.js'), [], {
		env: { ...process.env, BENTO_SANDBOX_PORT: '0' },
		stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
	});
	const info = await new Promise<{ keys: IDataObject; baseUrl: string }>((resolve) =>
		child.once('message', resolve as never),
	);
	return { ...info, child };
}

const median = (v: number[]) => {
	const s = [...v].sort((a, b) => a - b);
	const m = Math.floor(s.length / 2);
	return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

type Post = (method: string, params?: object) => Promise<unknown>;

async function main() {
	const sandbox = await startSandbox();
	const session = new Session();
	session.connect();
	const post: Post = async (method, params) =>
		await new Promise((resolve, reject) =>
			session.post(method, params ?? {}, (e, r) => (e ? reject(e) : resolve(r))),
		);
	console.log(
		`load ${os
			.loadavg()
			.map((l) => l.toFixed(2))
			.join(', ')}`,
	);
	for (const job of jobs) {
		const items = job.records.map((json) => ({ json }));
		const run = async () => {
			const result = await runBentoNode({
				parameters: job.parameters,
				items,
				credentials: { ...sandbox.keys, baseUrl: sandbox.baseUrl },
			});
			if (result.error) throw new Error(result.error.message);
			if (result.outputs[0].length !== items.length) throw new Error('short output');
			return result.run.data.resultData.runData.Bento[0].executionTime;
		};
		await run();
		await run();
		const times: number[] = [];
		for (let r = 0; r < runs; r++) times.push(await run());
		const ms = times.map((t) => t.toFixed(0)).join(', ');
		console.log(`${job.label}: median ${median(times).toFixed(0)} ms of ${runs} (${ms})`);
		if (profile) {
			await post('Profiler.enable');
			await post('Profiler.setSamplingInterval', { interval: 250 });
			await post('Profiler.start');
			for (let r = 0; r < 3; r++) await run();
			const { profile: p } = (await post('Profiler.stop')) as { profile: CpuProfile };
			printSelf(p, job.label);
		}
	}
	console.log(
		`load ${os
			.loadavg()
			.map((l) => l.toFixed(2))
			.join(', ')}`,
	);
	sandbox.child.kill();
}

interface CpuProfile {
	nodes: Array<{
		id: number;
		callFrame: { functionName: string; url: string; lineNumber: number };
	}>;
	samples: number[];
	timeDeltas: number[];
}

function printSelf(p: CpuProfile, label: string) {
	const byId = new Map(p.nodes.map((n) => [n.id, n]));
	const self = new Map<string, number>();
	let total = 0;
	let sending = 0;
	for (let i = 0; i < p.samples.length; i++) {
		const node = byId.get(p.samples[i])!;
		const dt = p.timeDeltas[i] ?? 0;
		total += dt;
		const { functionName, url, lineNumber } = node.callFrame;
		const ours = url.includes('/nodes/Bento/') || url.includes('/credentials/');
		const key = ours
			? `${functionName || '(anonymous)'} ${path.basename(url)}:${lineNumber + 1}`
			: url.includes('node_modules')
				? `[${url.split('node_modules/').pop()!.split('/')[0]}]`
				: url
					? `[${url.replace(/^node:/, '').split('/')[0]}]`
					: functionName;
		self.set(key, (self.get(key) ?? 0) + dt);
		// The sending path's own work: the transport (record, gate, retries) and the credential.
		if (url.includes('/transport/') || url.includes('/credentials/')) sending += dt;
	}
	console.log(`  profile of 3 runs, ${label}: ${(total / 1000).toFixed(0)} ms sampled`);
	console.log(
		`    ${(sending / 1000).toFixed(1).padStart(8)} ms  in transport/ and credentials/, all functions`,
	);
	const ranked = [...self].sort((a, b) => b[1] - a[1]).slice(0, 25);
	for (const [k, us] of ranked) console.log(`    ${(us / 1000).toFixed(1).padStart(8)} ms  ${k}`);
}

main().then(
	() => process.exit(0),
	(e) => {
		console.error(e);
		process.exit(1);
	},
);
