// The node measured where users run it: real n8n 1.x and 2.x (the installs under e2e/), driven
// with `n8n execute` against the same local stand-in as the floor. n8n's own executionTime of
// the Bento node is the figure; bench/n8n-probe.ts (preloaded into n8n) reads it without
// printing the items, and can profile or sample memory inside the node's run only.
import { fork, spawn } from '@n8n-nodes-bentonow/dev-host/child_process';
import {
	existsSync,
	mkdtempSync,
	openSync,
	closeSync,
	readFileSync,
	rmSync,
} from '@n8n-nodes-bentonow/dev-host/fs';
import os from '@n8n-nodes-bentonow/dev-host/os';
import path from '@n8n-nodes-bentonow/dev-host/path';
import { repoRoot } from '@n8n-nodes-bentonow/dev-host/repo';
import { process } from '@n8n-nodes-bentonow/dev-host/runtime';
import type { IDataObject } from 'n8n-workflow';

import { makeEvents, makePurchases } from './events';
import {
	type FloorOptions,
	type FloorReply,
	type FloorRequest,
	sendFloor,
	type Target,
} from './floor';

const ROOT = repoRoot;

/**
 * One batched operation measured in real n8n. Adding a row is adding an entry to OPERATIONS:
 * the node's parameters (a mode in which each input item is one record), Bento's endpoint and
 * body key (for the floor), and a generator. The generator must be self-contained (no outer
 * names): its source is pasted into the workflow's Code node, and the floor calls it here.
 */
export interface OperationSpec {
	/** The word --operations= picks it by: events, purchases, import, command. */
	id: string;
	label: string;
	parameters: IDataObject;
	endpoint: string;
	bodyKey: string;
	generate: (n: number) => IDataObject[];
	/** Records per run (default 100,000, or --real-events if smaller). */
	records?: number;
	/** The node's batch size for this operation, which the floor uses too (default 1000). */
	batchSize?: number;
	/** The node's Options; {} (every default) unless given. */
	options?: IDataObject;
}

export const batchOf = (spec: OperationSpec) => spec.batchSize ?? 1000;

export const OPERATIONS: OperationSpec[] = [
	{
		id: 'events',
		label: 'Create Events (auto-map)',
		parameters: { resource: 'event', operation: 'create', mappingMode: 'autoMapInputData' },
		endpoint: '/batch/events',
		bodyKey: 'events',
		generate: makeEvents,
	},
	{
		id: 'purchases',
		label: 'Create Events (auto-map), $purchase with fields, cart and date',
		parameters: { resource: 'event', operation: 'create', mappingMode: 'autoMapInputData' },
		endpoint: '/batch/events',
		bodyKey: 'events',
		generate: makePurchases,
	},
	{
		id: 'import',
		label: 'Subscriber Import (auto-map)',
		parameters: { resource: 'subscriber', operation: 'import', mappingMode: 'autoMapInputData' },
		endpoint: '/batch/subscribers',
		bodyKey: 'subscribers',
		generate: (n) =>
			Array.from({ length: n }, (_, i) => ({
				email: `user${i}@example.com`,
				first_name: `First${i}`,
				last_name: `Last${i}`,
				tags: 'customer,imported',
				plan: i % 3 ? 'pro' : 'free',
				seats: i % 50,
			})),
	},
	{
		id: 'command',
		label: 'Run Command (auto-map)',
		parameters: {
			resource: 'subscriber',
			operation: 'runCommand',
			mappingMode: 'autoMapInputData',
		},
		endpoint: '/fetch/commands',
		bodyKey: 'command',
		// Bento's limit is 100 commands per request: 10,000 records are 100 requests.
		records: 10_000,
		batchSize: 100,
		generate: (n) =>
			Array.from({ length: n }, (_, i) =>
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

interface E2eN8n {
	major: 1 | 2;
	userFolder: string;
	env(extra?: Record<string, string>): NodeJS.ProcessEnv;
	bin(): string[];
	importCredentials(list: object[]): Promise<void>;
	importWorkflows(list: object[]): Promise<void>;
	cleanup(): void;
}
interface E2eLib {
	MAJORS: Record<number, { version: string; dir: string; node24?: boolean }>;
	N8n: new (major: number, options: { port: number; brokerPort: number }) => E2eN8n;
	packPackage(options?: { build?: boolean }): string;
	installPackage(userFolder: string, tarball: string): void;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const e2e = require(path.join(ROOT, 'e2e/lib/n8n.js')) as E2eLib;

export const MAJOR_VERSIONS = (major: number) => e2e.MAJORS[major].version;

export function isInstalled(major: number): boolean {
	return existsSync(path.join(ROOT, e2e.MAJORS[major].dir, 'node_modules/.bento-e2e-installed'));
}

const CREDENTIAL = { id: 'benchSandbox01', name: 'Bento bench sandbox' };
const PROBE = path.join(ROOT, '.bench-build/bench/n8n-probe.js');
const FLOOR_PROCESS = path.join(ROOT, '.bench-build/bench/floorProcess.js');

/** The workflow kinds: `warm` measures the second Bento node after a first one ran the code. */
export type Kind = 'warm' | 'first';

function codeNode(name: string, spec: OperationSpec, n: number, x: number) {
	return {
		id: name.replace(/\W/g, '').toLowerCase(),
		name,
		type: 'n8n-nodes-base.code',
		typeVersion: 2,
		position: [x, 0],
		parameters: {
			jsCode: `const generate = ${spec.generate.toString()};\nreturn generate(${n}).map((json) => ({ json }));`,
		},
	};
}

function bentoNode(name: string, spec: OperationSpec, x: number) {
	return {
		id: name.replace(/\W/g, '').toLowerCase(),
		name,
		type: 'n8n-nodes-bentonow.bento',
		typeVersion: 1,
		position: [x, 0],
		parameters: { ...spec.parameters, options: spec.options ?? {} },
		credentials: { bentoApi: CREDENTIAL },
	};
}

/** Warm-up size: enough records for 10 requests, so the second node's code paths are hot. */
export const warmSize = (spec: OperationSpec, n: number) => Math.min(n, 10 * batchOf(spec));

function workflow(id: string, spec: OperationSpec, kind: Kind, n: number) {
	const nodes: object[] = [
		{
			id: 'start',
			name: 'Start',
			type: 'n8n-nodes-base.manualTrigger',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		},
	];
	const chain = ['Start'];
	if (kind === 'warm') {
		nodes.push(codeNode('Make warm-up records', spec, warmSize(spec, n), 220));
		nodes.push(bentoNode('Bento warm-up', spec, 440));
		chain.push('Make warm-up records', 'Bento warm-up');
	}
	nodes.push(codeNode('Make records', spec, n, 660));
	nodes.push(bentoNode('Bento', spec, 880));
	chain.push('Make records', 'Bento');
	const connections: Record<string, object> = {};
	for (let i = 0; i + 1 < chain.length; i++)
		connections[chain[i]] = { main: [[{ node: chain[i + 1], type: 'main', index: 0 }]] };
	return { id, name: `Bench ${id}`, active: false, settings: {}, nodes, connections };
}

export interface RealRun {
	/** n8n's executionTime of the measured Bento node, ms. */
	node: number;
	/** The probe's own clock around execute(), ms (a check on executionTime). */
	execute: number;
	/** CPU time of the n8n process during execute(), ms. */
	cpu: number;
	heapGrowth?: number;
	rssGrowth?: number;
	items: number;
}

export interface ProbeOptions {
	profileFile?: string;
	memory?: boolean;
}

/** One major's n8n with the package installed, a credential for the stand-in and the workflows. */
export class RealN8n {
	private readonly n8n: E2eN8n;
	private readonly ids = new Map<string, string>();

	constructor(
		readonly major: 1 | 2,
		port: number,
		/** 1.x only: run Code nodes in-process with vm2 (1.x's default) instead of a task runner. */
		readonly vm2 = false,
		brokerPort = port + 1,
	) {
		this.n8n = new e2e.N8n(major, { port, brokerPort });
	}

	get version() {
		return MAJOR_VERSIONS(this.major);
	}

	async setup(tarball: string, target: Target, plans: Array<[OperationSpec, Kind, number]>) {
		e2e.installPackage(this.n8n.userFolder, tarball);
		await this.n8n.importCredentials([
			{ ...CREDENTIAL, type: 'bentoApi', data: { ...target.keys, baseUrl: target.baseUrl } },
		]);
		const workflows = plans.map(([spec, kind, n], i) => {
			const id = `bench${this.major}w${i}`;
			this.ids.set(this.key(spec, kind, n), id);
			return workflow(id, spec, kind, n);
		});
		await this.n8n.importWorkflows(workflows);
	}

	private key(spec: OperationSpec, kind: Kind, n: number) {
		return `${spec.label}|${kind}|${n}`;
	}

	/** Runs one workflow in a fresh `n8n execute` process. */
	async run(
		spec: OperationSpec,
		kind: Kind,
		n: number,
		probe: ProbeOptions = {},
	): Promise<RealRun> {
		const id = this.ids.get(this.key(spec, kind, n));
		if (!id) throw new Error(`No workflow for ${spec.label} ${kind} ${n}`);
		const dir = mkdtempSync(path.join(os.tmpdir(), 'bento-bench-run-'));
		const probeOut = path.join(dir, 'probe.jsonl');
		const logFile = path.join(dir, 'n8n.log');
		const env = this.n8n.env({
			NODE_OPTIONS: `--require ${PROBE}${probe.memory ? ' --expose-gc' : ''}`,
			BENCH_PROBE_OUT: probeOut,
			BENCH_PROBE_NODE: 'Bento',
			...(probe.profileFile ? { BENCH_PROBE_PROFILE: probe.profileFile } : {}),
			...(probe.memory ? { BENCH_PROBE_MEMORY: '1' } : {}),
			// Saving 200,000 items to SQLite after the run only slows the benchmark down.
			EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'none',
			// A deadline only: on a loaded machine the Code node's runner may take over a minute
			// to accept 100,000 records (n8n's default 60 s failed a run at load 30).
			N8N_RUNNERS_TASK_REQUEST_TIMEOUT: '600',
			// Code nodes in task runners (2.x's default; opt-in in 1.x): their items reach Bento
			// as plain objects. 1.x's default in-process Code node hands over vm2 proxies, which
			// makes every read of an item a trip through vm2's bridge (see BENCHMARKS.md).
			...(this.major === 1 ? { N8N_RUNNERS_ENABLED: this.vm2 ? 'false' : 'true' } : {}),
		});
		const fd = openSync(logFile, 'w');
		const code = await new Promise<number | null>((resolve) => {
			const child = spawn('node', [...this.n8n.bin(), 'execute', `--id=${id}`, '--rawOutput'], {
				env,
				cwd: this.n8n.userFolder,
				stdio: ['ignore', fd, fd],
			});
			child.on('exit', resolve);
		});
		closeSync(fd);
		const entries = existsSync(probeOut)
			? readFileSync(probeOut, 'utf8')
					.trim()
					.split('\n')
					.map((line) => JSON.parse(line) as IDataObject)
			: [];
		const runEntry = entries.find((e) => e.kind === 'run');
		const execEntry = entries.find((e) => e.kind === 'execute');
		const fail = (why: string) =>
			new Error(
				`n8n ${this.version} ${kind} ${n}: ${why} (exit ${code})\n${readFileSync(logFile, 'utf8').slice(-3000)}`,
			);
		if (!runEntry || !execEntry) throw fail('no run data from the probe');
		if (runEntry.error) throw fail(`the run failed: ${runEntry.error as string}`);
		const nodes = runEntry.nodes as Record<
			string,
			Array<{ executionTime: number; items: number[] }>
		>;
		const bento = nodes.Bento?.[0];
		if (!bento) throw fail('the Bento node did not run');
		rmSync(dir, { recursive: true, force: true });
		return {
			node: bento.executionTime,
			execute: execEntry.ms as number,
			cpu: execEntry.cpuMs as number,
			heapGrowth: execEntry.heapGrowth as number | undefined,
			rssGrowth: execEntry.rssGrowth as number | undefined,
			items: bento.items[0] ?? 0,
		};
	}

	/**
	 * The floor in a process of its own on the Node this n8n runs on: `node` looked up on the PATH
	 * that n8n gets (Node 24 first for 2.x), so that the ratio holds no difference between Node
	 * majors. Stop it when done.
	 */
	async startFloor(): Promise<Floor> {
		const child = fork(FLOOR_PROCESS, [], {
			execPath: 'node',
			env: this.n8n.env(),
			stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
		});
		const next = () =>
			new Promise<FloorReply & { version?: string }>((resolve, reject) => {
				const exited = (code: number | null) =>
					reject(new Error(`The floor process exited (code ${code})`));
				child.once('exit', exited);
				child.once('message', (reply: FloorReply) => {
					child.off('exit', exited);
					resolve(reply);
				});
			});
		const { version } = await next();
		return {
			version: version ?? 'unknown',
			run: async (target, spec, n, options = {}) => {
				const { count, ...floorOptions } = options;
				const request: FloorRequest = {
					target,
					operation: spec.id,
					n,
					count,
					options: floorOptions,
				};
				const answer = next();
				child.send(request);
				const reply = await answer;
				if (reply.error !== undefined || reply.ms === undefined || reply.cpu === undefined)
					throw new Error(`Floor on Node ${version}: ${reply.error ?? 'no time'}`);
				return { ms: reply.ms, cpu: reply.cpu };
			},
			stop: () => child.disconnect(),
		};
	}

	cleanup() {
		this.n8n.cleanup();
	}
}

/** The floor of one n8n major, on its Node (RealN8n.startFloor). */
export interface Floor {
	/** process.version of the floor's Node. */
	version: string;
	/** The first `count` (or all) of `spec.generate(n)`, POSTed as floorFor does. */
	run(
		target: Target,
		spec: OperationSpec,
		n: number,
		options?: FloorOptions & { count?: number },
	): Promise<{ ms: number; cpu: number }>;
	stop(): void;
}

export function packForN8n(): string {
	return e2e.packPackage({ build: true });
}

/**
 * The floor for one operation: the same records, pre-built, POSTed by plain Node. The real-n8n
 * rows call it in a floor process on n8n's own Node (RealN8n.startFloor, bench/floorProcess.ts).
 */
export async function floorFor(
	target: Target,
	spec: OperationSpec,
	records: IDataObject[],
	options: FloorOptions = {},
) {
	const started = performance.now();
	const cpuBefore = process.cpuUsage();
	const accepted = await sendFloor(
		target,
		records,
		batchOf(spec),
		spec.endpoint,
		spec.bodyKey,
		options,
	);
	const cpu = process.cpuUsage(cpuBefore);
	if (accepted !== records.length) throw new Error('Floor lost records');
	return { ms: performance.now() - started, cpu: (cpu.user + cpu.system) / 1000 };
}
