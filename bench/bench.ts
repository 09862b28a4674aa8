// `npm run bench`: the node against the floor (plain Node POSTing the same batches), requests
// against one-per-item, delivery under a scaled-down rate limit, memory and growth. Everything
// runs against the local Bento stand-in on 127.0.0.1, in its own process. --limit adds the rows
// under Bento's real limit in real n8n (bench/limit.ts; minutes each); --limit-only runs just those.
import { fork, spawn, type ChildProcess } from '@n8n-nodes-bentonow/dev-host/child_process';
import { existsSync, readFileSync, writeFileSync } from '@n8n-nodes-bentonow/dev-host/fs';
import os from '@n8n-nodes-bentonow/dev-host/os';
import path from '@n8n-nodes-bentonow/dev-host/path';
import { repoRoot } from '@n8n-nodes-bentonow/dev-host/repo';
import {
	process,
	console,
	setInterval,
	clearInterval,
	exposedGc,
} from '@n8n-nodes-bentonow/dev-host/runtime';
import type { IDataObject } from 'n8n-workflow';

import '../test/setup';
import { encodeBatch, planBatches } from '../nodes/Bento/engines/batchDelivery/batching';
import { runBentoNode } from '../test/helpers/runNode';
import { makeEvents } from './events';
import { sendFloor, type Target } from './floor';
import { limitSection } from './limit';
import { SHAPE_HEADER, shapeRow } from './limitShapes';
import { volumeSection } from './limitVolume';
import { summarizeProfile } from './profile';
import * as real from './real';

const ROOT = repoRoot;
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
		[
			'--expose-gc',
			path.join(ROOT, '.bench-build/bench/bench.js'),
			'--memory',
			String(n),
			JSON.stringify(sandbox),
		],
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
	const gc = exposedGc()!;
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

/** Median with its spread, e.g. "1.62 s (1.58-1.70)". */
function spread(values: number[], format: (v: number) => string) {
	if (values.length < 2) return format(values[0]);
	return `${format(median(values))} (${format(Math.min(...values))}-${format(Math.max(...values))})`;
}

const ratioText = (r: number) => r.toFixed(2);
const flag = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const load = () =>
	os
		.loadavg()
		.map((l) => l.toFixed(2))
		.join(', ');

/** The majors of --majors (default 1,2) whose n8n is installed under e2e/. */
function installedMajors(): Array<1 | 2> {
	const majors = (flag('majors') ?? '1,2').split(',').map(Number) as Array<1 | 2>;
	return majors.filter((m) => {
		if (!real.isInstalled(m))
			console.error(
				`n8n ${real.MAJOR_VERSIONS(m)} is not installed under e2e/ (npm run test:e2e installs it): skipped`,
			);
		return real.isInstalled(m);
	});
}

const sizes = (list: string | undefined) =>
	list ? list.split(',').filter(Boolean).map(Number) : [];

/**
 * The rows of --limit-rows= (or BENCH_LIMIT_ROWS), e.g. `burst:300,single:events`: `single:<word>`
 * one execution of the operation named by the word, `queue` the queue-mode row, `burst:<K>` K
 * executions at once in regular mode, `burst-queue:<K>` in queue mode. Only those run.
 */
function pickedRows(list: string) {
	const picked = { single: false, queue: false, operations: [] as string[], burst: [] as number[] };
	const burstQueue: number[] = [];
	const shapes: string[] = [];
	const volume = {
		regular: [] as number[],
		control: [] as number[],
		queue: [] as number[],
		queueControl: [] as number[],
	};
	for (const name of list.toLowerCase().split(',').filter(Boolean)) {
		const [kind, arg] = name.split(':');
		if (kind === 'single' && arg) {
			picked.single = true;
			picked.operations.push(arg);
		} else if (kind === 'queue' && !arg) picked.queue = true;
		else if (kind === 'burst' && Number(arg) > 0) picked.burst.push(Number(arg));
		else if (kind === 'burst-queue' && Number(arg) > 0) burstQueue.push(Number(arg));
		else if ((kind === 'sliding' && Number(arg) > 0) || (kind === 'mixed' && !arg))
			shapes.push(name);
		else if (kind === 'volume' && Number(arg) > 0) volume.regular.push(Number(arg));
		else if (kind === 'volume-control' && Number(arg) > 0) volume.control.push(Number(arg));
		else if (kind === 'volume-queue' && Number(arg) > 0) volume.queue.push(Number(arg));
		else if (kind === 'volume-queue-control' && Number(arg) > 0)
			volume.queueControl.push(Number(arg));
		else
			throw new Error(
				`Unknown limit row ${JSON.stringify(name)} (single:<operation>, queue, burst:<K>, burst-queue:<K>, sliding:<K>, mixed, volume:<K>, volume-control:<K>, volume-queue:<K>, volume-queue-control:<K>)`,
			);
	}
	return { ...picked, burstQueue, shapes, volume };
}

/**
 * --limit / --limit-only: the rows under Bento's limit (bench/limit.ts). --limit-operations=
 * events,import,command picks operations; --no-limit-queue leaves out queue mode,
 * --no-limit-single the single executions; --limit-executions=5 and --limit-queue-events=5000
 * size it. Burst rows (issue 23): --limit-burst=300,1000 (regular mode) and
 * --limit-burst-queue=1000, --no-limit-burst for none. --limit-rows= runs only the rows named.
 */
async function limitSections(sandbox: Sandbox, say: (line?: string) => void) {
	const majors = installedMajors();
	if (majors.length === 0) return;
	const noBurst = args.includes('--no-limit-burst');
	const rowList = flag('limit-rows') ?? process.env.BENCH_LIMIT_ROWS;
	const rows = rowList
		? pickedRows(rowList)
		: {
				operations: flag('limit-operations')?.toLowerCase().split(','),
				single: !args.includes('--no-limit-single'),
				queue: !args.includes('--no-limit-queue'),
				burst: noBurst ? [] : sizes(flag('limit-burst') ?? '300,1000'),
				burstQueue: noBurst ? [] : sizes(flag('limit-burst-queue') ?? '1000'),
				shapes: ['sliding:300', 'mixed'],
				// Thousands of calls at once (issue 31): only when asked for, by --limit-rows.
				volume: { regular: [], control: [], queue: [], queueControl: [] },
			};
	const tarball = real.packForN8n();
	const { volume, ...limitRows } = rows;
	const lines = await limitSection(sandbox, {
		majors,
		tarball,
		...limitRows,
		executions: Number(flag('limit-executions') ?? 5),
		eventsEach: Number(flag('limit-queue-events') ?? 5000),
	});
	lines.forEach((line) => say(line));
	if (rows.shapes.length) (await shapeSection(sandbox, majors, rows.shapes)).forEach(say);
	(await volumeSection(sandbox, { majors, tarball, ...volume })).forEach((line) => say(line));
}

/** Issue 31's rows (bench/limitShapes.ts): another limiter, and a long job beside singles. */
async function shapeSection(sandbox: Sandbox, majors: Array<1 | 2>, rows: string[]) {
	const tarball = real.packForN8n();
	const lines = [
		'## In real n8n: a sliding window that counts refused requests, and a long job beside single events',
		'',
		`Regular mode, default options, a fresh \`n8n start\` per row. \`sliding:<K>\`: K webhook executions at once against a sliding 60-s window of 100 requests that counts refused requests too. \`mixed\`: one execution sending 25,000 events in 250 requests, then 10 s later 300 single-event webhook executions, at the clock-aligned limit. Time: from the first request at the stand-in until every execution finished; the singles' finish is from the burst's calls. Reproduce: \`npm run bench:limit -- --limit-rows=sliding:300,mixed\`, or one major alone \`node .bench-build/bench/limitShapes.js --major=1 --rows=mixed\`.`,
		'',
		...SHAPE_HEADER,
	];
	for (const major of majors)
		for (const row of rows) {
			try {
				lines.push(await shapeRow(sandbox, tarball, major, row));
			} catch (error) {
				console.error(`  n8n ${real.MAJOR_VERSIONS(major)} ${row}: not measured: ${String(error)}`);
			}
		}
	return [...lines, ''];
}

/** Real n8n 1.x and 2.x: warm and first-run timings against the floor, memory, a profile. */
async function realSections(sandbox: Sandbox, say: (line?: string) => void) {
	const runs = Number(flag('real-runs') ?? 5);
	const maxN = Number(flag('real-events') ?? 100_000);
	const sizeOf = (spec: real.OperationSpec) => Math.min(maxN, spec.records ?? maxN);
	const memorySizesOf = (n: number) => [1000, 10_000, 100_000].filter((m) => m <= n);
	const profile = !args.includes('--no-profile');
	// --operations=import,command: only these operations (events, purchases, import, command).
	const only = flag('operations')?.toLowerCase().split(',');
	const operations = real.OPERATIONS.filter((spec) => !only || only.includes(spec.id));
	// --kinds=warm: only the warm (or first-run) rows; --no-memory: no memory rows.
	const kinds = (flag('kinds') ?? 'warm,first').split(',') as real.Kind[];
	const withMemory = !args.includes('--no-memory');
	// --port-base=B: n8n on B+20.. instead of 5900+20.. (each major B + index * 10 + major * 20).
	const portBase = Number(flag('port-base') ?? 5900);
	const ready = installedMajors();
	if (ready.length === 0) return;
	const tarball = real.packForN8n();
	const loadBefore = load();
	const started = Date.now();
	const timing: string[] = [];
	const memory: string[] = [];
	const profiles: string[] = [];
	const floorNodes: string[] = [];
	for (const [index, major] of ready.entries()) {
		const n8n = new real.RealN8n(major, portBase + index * 10 + major * 20);
		const floor = await n8n.startFloor();
		floorNodes.push(`Node ${floor.version} for ${n8n.version}`);
		try {
			const plans: Array<[real.OperationSpec, real.Kind, number]> = [];
			for (const spec of operations) {
				const n = sizeOf(spec);
				plans.push([spec, 'warm', n], [spec, 'first', n]);
				if (withMemory)
					for (const m of memorySizesOf(n)) if (m !== n) plans.push([spec, 'warm', m]);
			}
			await n8n.setup(tarball, sandbox, plans);
			for (const spec of operations) {
				const n = sizeOf(spec);
				const batch = real.batchOf(spec);
				await floor.run(sandbox, spec, n, { count: batch });
				await reset(sandbox);
				for (const kind of kinds) {
					const nodeMs: number[] = [];
					const floorMs: number[] = [];
					const pipelinedMs: number[] = [];
					const pipelinedRatios: number[] = [];
					const ratios: number[] = [];
					const cpuRatios: number[] = [];
					let requests = 0;
					for (let r = 0; r < runs; r++) {
						// The floor right before each n8n run, so both see the same machine load.
						const { ms: floorTime, cpu: floorCpu } = await floor.run(sandbox, spec, n);
						await reset(sandbox);
						// The floor again, serializing each next batch while the one before is in flight, as
						// the node does: what is left of the ratio then is n8n's and the node's own work.
						const pipelined = (await floor.run(sandbox, spec, n, { pipelined: true })).ms;
						await reset(sandbox);
						const run = await n8n.run(spec, kind, n);
						const s = await state(sandbox);
						const warm = kind === 'warm' ? real.warmSize(spec, n) : 0;
						if (s.accepted !== n + warm || run.items !== n)
							throw new Error(
								`n8n ${n8n.version} ${spec.label} ${kind}: ${s.accepted} records received`,
							);
						requests = (s.requests as number) - Math.ceil(warm / batch);
						await reset(sandbox);
						nodeMs.push(run.node);
						floorMs.push(floorTime);
						ratios.push(run.node / floorTime);
						pipelinedMs.push(pipelined);
						pipelinedRatios.push(run.node / pipelined);
						cpuRatios.push(run.cpu / floorCpu);
						console.error(
							`  n8n ${n8n.version} ${kind} ${n}: node ${fmt(run.node)} (execute() ${fmt(run.execute)}, CPU ${fmt(run.cpu)}), floor on Node ${floor.version} ${fmt(floorTime)} (CPU ${fmt(floorCpu)}), ${ratioText(run.node / floorTime)}x, load ${load()}`,
						);
					}
					timing.push(
						`| ${n8n.version} | ${spec.label} | ${kind === 'warm' ? 'warm (2nd Bento node)' : 'first run (fresh process)'} | ${n.toLocaleString('en')} | ${spread(nodeMs, fmt)} | ${spread(floorMs, fmt)} | **${spread(ratios, ratioText)}** | ${spread(cpuRatios, ratioText)} | ${spread(pipelinedMs, fmt)} | ${spread(pipelinedRatios, ratioText)} | ${requests} |`,
					);
				}
				if (major === 1 && !args.includes('--no-vm2')) {
					// 1.x's default Code node (in-process, vm2) hands Bento proxies: measured once, smaller.
					const m = Math.min(n, 10_000);
					const vm2 = new real.RealN8n(1, portBase + 90, true);
					try {
						await vm2.setup(tarball, sandbox, [[spec, 'warm', m]]);
						const vm2Floor = (await floor.run(sandbox, spec, m)).ms;
						await reset(sandbox);
						const run = await vm2.run(spec, 'warm', m);
						await reset(sandbox);
						timing.push(
							`| ${vm2.version}, Code node in-process (vm2, 1.x's default) | ${spec.label} | warm (2nd Bento node) | ${m.toLocaleString('en')} | ${fmt(run.node)} | ${fmt(vm2Floor)} | ${ratioText(run.node / vm2Floor)} | | | | ${Math.ceil(m / batch)} |`,
						);
					} finally {
						vm2.cleanup();
					}
				}
				for (const m of withMemory ? memorySizesOf(n) : []) {
					const run = await n8n.run(spec, 'warm', m, { memory: true });
					await reset(sandbox);
					const payload = payloadBytes(spec.generate(m), spec.bodyKey, batch);
					memory.push(
						`| ${n8n.version} | ${spec.label} | ${m.toLocaleString('en')} | ${mb(payload)} | ${mb(run.heapGrowth!)} | ${mb(run.rssGrowth!)} | ${(run.heapGrowth! / payload).toFixed(2)} | ${(run.rssGrowth! / payload).toFixed(2)} |`,
					);
				}
				if (profile) {
					const file = path.join(ROOT, `.bench-build/profile-n8n${major}.cpuprofile`);
					const run = await n8n.run(spec, 'warm', n, { profileFile: file });
					await reset(sandbox);
					const summary = summarizeProfile(file);
					profiles.push(
						`### n8n ${n8n.version}, ${spec.label}, warm, ${n.toLocaleString('en')} records (${fmt(summary.totalMs)} sampled; executionTime ${fmt(run.node)} under the profiler)`,
						'',
						'| self time by module | ms | share | | self time by function | ms | share |',
						'|---|---:|---:|---|---|---:|---:|',
						...summary.modules.map((m, i) => {
							const f = summary.functions[i];
							return `| ${m.name} | ${m.ms.toFixed(0)} | ${(m.share * 100).toFixed(1)}% | | ${f ? `\`${f.name}\`` : ''} | ${f ? f.ms.toFixed(0) : ''} | ${f ? `${(f.share * 100).toFixed(1)}%` : ''} |`;
						}),
						'',
					);
				}
			}
		} finally {
			floor.stop();
			n8n.cleanup();
		}
	}
	const minutes = ((Date.now() - started) / 60_000).toFixed(1);
	say('## In real n8n: the Bento node against the floor');
	say();
	say(
		`\`n8n execute\` of an imported workflow, each run a fresh n8n process, against the stand-in. **warm**: Start → Code (warm-up records, 10 requests' worth) → Bento → Code (N records) → Bento, measuring the second Bento node after the first ran the same operation; **first run**: Start → Code → Bento, one Bento node in a fresh process. The node's time is n8n's own \`executionTime\` for it. n8n 1.x runs its Code nodes in a task runner (\`N8N_RUNNERS_ENABLED=true\`, 2.x's default), so Bento gets plain objects, as from most source nodes; one row shows 1.x's default in-process Code node. The floor (plain Node in a process of its own, on the Node that the n8n it is compared with runs on: ${floorNodes.join(', ')}; the same records pre-built, POSTed in the node's batches (1000 records; 100 for commands) over one keep-alive connection, each batch serialized right before it is sent) is measured right before each n8n run; the ratio is per run. The node serializes each next batch while Bento handles the one before; \`floor, next batch serialized in flight\` is plain Node doing the same (measured right after the floor), so \`node / that floor\` is what n8n and the node add on top of the best one-request-at-a-time sender. \`CPU: node / floor\` compares CPU time (user + system, all threads) of the n8n process during the node's execute() with the floor process's during the floor: waiting for the stand-in or for a busy machine is not in it. Median of ${runs} runs (min-max). Load average (1, 5, 15 min) ${loadBefore} before, ${load()} after (${minutes} min).`,
	);
	say();
	say(
		'| n8n | operation | run | records | Bento node | floor | node / floor | CPU: node / floor | floor, next batch serialized in flight | node / that floor | requests |',
	);
	say('|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|');
	timing.forEach((line) => say(line));
	say();
	say('## In real n8n: memory of the node run');
	say();
	say(
		"Warm workflow, sampled inside the n8n process by the benchmark's preload (`bench/n8n-probe.ts`): a full GC right before the measured Bento node, then heap used and RSS every 2 ms until it returns; growth is the peak minus the value at its start. One run per size. RSS barely moves: n8n's heap already holds the Code node's records and reuses those pages.",
	);
	say();
	say(
		'| n8n | operation | records | serialized payload | peak heap growth | peak RSS growth | heap / payload | RSS / payload |',
	);
	say('|---|---|---:|---:|---:|---:|---:|---:|');
	memory.forEach((line) => say(line));
	say();
	if (profiles.length) {
		say("## In real n8n: where the node's time goes");
		say();
		say(
			"CPU profile of the n8n process (the preload starts the inspector's profiler at start-up, 250 µs sampling), keeping only the samples inside n8n's window for the measured Bento node (its startTime to startTime + executionTime); self time. `(idle)` is the process waiting, mostly for the stand-in's answers.",
		);
		say();
		profiles.forEach((line) => say(line));
	}
}

function payloadBytes(records: IDataObject[], bodyKey: string, batch: number) {
	let payload = 0;
	for (const b of planBatches(records.length, batch))
		payload += encodeBatch(bodyKey, records, b).length;
	return payload;
}

const KEEP_MARKER = '<!-- Written by hand below this line; npm run bench keeps it. -->';

async function main() {
	const sizes = smoke ? [1000] : [1000, 10_000, 100_000];
	const runs = smoke ? 1 : 5;
	const limitOnly = args.includes('--limit-only');
	const withLimit = !smoke && (limitOnly || args.includes('--limit'));
	const realOnly = args.includes('--real-only') || limitOnly;
	const withReal = !smoke && !limitOnly && !args.includes('--no-real');
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
			`Stand-in Bento on 127.0.0.1 in its own process; batch size 1000 (100 for commands). Reproduce with \`npm run bench\` (\`--real-only\`, \`--no-real\`, \`--majors=1\`, \`--real-runs=N\`, \`--limit\`, \`--limit-only\`).`,
		);
		say();
		if (withReal) await realSections(sandbox, say);
		if (withLimit) await limitSections(sandbox, say);
		if (!realOnly) await harnessSections(sandbox, say, sizes, runs);
	} finally {
		sandbox.child.disconnect();
	}
	// A partial run (--real-only, --no-real, --majors, --smoke) does not replace BENCHMARKS.md.
	const partial =
		smoke ||
		realOnly ||
		!withReal ||
		args.some((a) => a.startsWith('--majors') || a.startsWith('--real-'));
	const file = path.join(ROOT, partial ? '.bench-build/BENCHMARKS.partial.md' : 'BENCHMARKS.md');
	const previous = existsSync(path.join(ROOT, 'BENCHMARKS.md'))
		? readFileSync(path.join(ROOT, 'BENCHMARKS.md'), 'utf8')
		: '';
	const kept = previous.includes(KEEP_MARKER) ? previous.slice(previous.indexOf(KEEP_MARKER)) : '';
	if (!smoke) writeFileSync(file, `${lines.join('\n')}\n${kept ? `\n${kept}` : ''}`);
}

async function harnessSections(
	sandbox: Sandbox,
	say: (line?: string) => void,
	sizes: number[],
	runs: number,
) {
	{
		say(
			`The sections below are the **in-process harness** (n8n-core 1.122's WorkflowExecute inside the benchmark's process, not a real n8n); median of ${runs} run(s) after a warm-up.`,
		);
		say();
		// 1, 2 and 5: time against the floor, requests, growth.
		say('## Harness: node against the floor, and requests');
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
		say('## Harness: memory of one node run (fresh process)');
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
			`## Harness: under a rate limit (${limit.limit} requests per ${limit.windowMs / 1000} s, i.e. ${perMinute} per minute), ${n.toLocaleString('en')} events`,
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
	}
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
