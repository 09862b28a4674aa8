// High webhook volume (issue 31): K single-event webhook calls fired at once (one connection
// each), at a scaled limit of 1,000 requests per clock minute (refused ones counted, no
// Retry-After). Rows:
// - regular mode, one fresh `n8n start` (sqlite), Webhook → Bento Create Events;
// - the control: the same workflow with the Bento node replaced by a No Operation node, so that
//   what n8n itself drops is told apart from what the node costs;
// - queue mode as n8n scales it past one process: a front (bench/webhookFront.ts, the stand-in
//   for a load balancer) → 2 webhook processors (`n8n webhook`) → Redis → 2 workers, PostgreSQL.
// Ports 7600-7699 by default (BENCH_VOLUME_PORT_BASE moves them), Redis and PostgreSQL instances
// of their own, so that it runs beside the e2e queue suite.
import { readdirSync, readFileSync } from '@n8n-nodes-bentonow/dev-host/fs';
import http from '@n8n-nodes-bentonow/dev-host/http';
import os from '@n8n-nodes-bentonow/dev-host/os';
import {
	clearInterval,
	console,
	process,
	setInterval,
	setTimeout,
} from '@n8n-nodes-bentonow/dev-host/runtime';

import {
	type BurstLib,
	burstLib,
	type E2eN8n,
	type Finished,
	type N8nLib,
	n8nLib,
} from './e2eLibs';
import { finishedExecutions, queueLib } from './limitQueue';
import { type LimitSandbox, limitFloor, sandboxCall, type Seen, seenBy } from './limitStandIn';
import { MAJOR_VERSIONS } from './real';
import {
	describeWindows,
	intakeFloor,
	laterRefusedPerProcess,
	perWindowBySender,
	refusedBySender,
	requestLog,
	saveTrace,
	type WindowRead,
} from './volumeTrace';
import { FRONT_CONNECTIONS, startFront } from './webhookFront';
import { LEARNING_IN_FLIGHT } from '../nodes/Bento/transport/limitState';

/** Bento's limit scaled up tenfold, so that 5,000 single events take minutes, not an hour. */
export const VOLUME_LIMIT = { limit: 1000, windowMs: 60_000, shape: 'clock' };
/** Queue mode: webhook processors and workers (each `--concurrency`). */
export const VOLUME_QUEUE = { webhooks: 2, workers: 2, concurrency: 10 };
/** Issue 31's targets for the queue-mode row. */
const TARGET = { queue: 1.1, laterRefusedPerProcess: 2 };
// Deadlines for a hung run only.
// The caller's timeout (BENCH_VOLUME_CALL_TIMEOUT_MS): 120 s by default, as patient as callers
// get; a longer one measures what the setup delivers when callers wait for it.
const CALL_TIMEOUT_MS = Number(process.env.BENCH_VOLUME_CALL_TIMEOUT_MS ?? 120_000);
const WAIT_MS = 30 * 60_000;

const WORKFLOW_ID = 'benchVolume1';
const HOOK = 'bench-volume';

export type VolumeMode = 'regular' | 'control' | 'queue' | 'queue-control';

/** Whether a mode runs the control workflow (No Operation in Bento's place). */
const isControl = (mode: VolumeMode) => mode === 'control' || mode === 'queue-control';

type Libs = N8nLib & BurstLib;
const libs = (): Libs => ({ ...n8nLib(), ...burstLib() });

export interface VolumeResult extends Partial<Seen> {
	version: string;
	mode: VolumeMode;
	calls: number;
	/** Calls answered 200, and the others by status or socket error code. */
	accepted: number;
	refusedCalls: Record<string, number>;
	/** ms until the last call was answered (or failed). */
	answeredIn: number;
	/** ms from the first Bento request (control: the first call) until all were seen finished. */
	time: number;
	finished: number;
	failed: number;
	failure?: string;
	/** Processes that call Bento. */
	processes: number;
	/** Peak RSS by role (MB): the sum over a role's processes (with their task runners) at once. */
	peakRss: Record<string, number>;
	/** The same in PSS (shared memory split among the processes that share it). */
	peakPss: Record<string, number>;
	/** CPU seconds each role used during the row. */
	cpuSeconds: Record<string, number>;
	/** Load average (1 min) before, at its highest during, and after the row. */
	load: [number, number, number];
	/** The limit's least time for the events Bento took, none before its call was answered. */
	intakeFloor?: number;
	/** The stand-in's log per clock window and per process that sent the requests. */
	windows?: WindowRead[];
}

function ports() {
	const base = Number(process.env.BENCH_VOLUME_PORT_BASE ?? 7600);
	return {
		regular: (major: number) => ({ port: base + major, brokerPort: base + 10 + major }),
		front: base + 40,
		queue: {
			main: base + 61,
			workerHealth: [base + 62, base + 63],
			webhooks: [base + 65, base + 66],
			brokers: [base + 71, base + 72, base + 73],
			webhookBrokers: [base + 74, base + 75],
			redis: base + 85,
			postgres: base + 95,
		},
	};
}

/** One POST over its own connection: its status, or the socket error's code, and when. */
function post(
	agent: InstanceType<typeof http.Agent>,
	port: number,
	n: number,
): Promise<[string, number]> {
	const text = JSON.stringify({ n, email: `burst.${n}@example.com` });
	return new Promise((resolve) => {
		const req = http.request(
			{
				host: '127.0.0.1',
				port,
				path: `/webhook/${HOOK}`,
				method: 'POST',
				agent,
				headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) },
				timeout: CALL_TIMEOUT_MS,
			},
			(res) => {
				res.resume();
				res.on('end', () => resolve([String(res.statusCode), Date.now()]));
			},
		);
		req.on('timeout', () => req.destroy(Object.assign(new Error('timeout'), { code: 'TIMEOUT' })));
		req.on('error', (error: NodeJS.ErrnoException) => resolve([error.code ?? 'error', Date.now()]));
		req.end(text);
	});
}

/** Fires `count` calls at once; each one is tried once. */
async function fire(port: number, count: number) {
	const agent = new http.Agent({ keepAlive: false, maxSockets: Infinity });
	const started = Date.now();
	const answers = await Promise.all(Array.from({ length: count }, (_, n) => post(agent, port, n)));
	agent.destroy();
	const statuses: Record<string, number> = {};
	for (const [a] of answers) statuses[a] = (statuses[a] ?? 0) + 1;
	return {
		statuses,
		started,
		ms: Date.now() - started,
		answers: answers.map(([status]) => status),
		settledAt: answers.map(([, at]) => at),
	};
}

/** A process and its descendants (task runners, postgres backends), from /proc. */
function tree(pid: number): number[] {
	const all = [pid];
	for (let k = 0; k < all.length; k++) {
		try {
			for (const task of readdirSync(`/proc/${all[k]}/task`)) {
				const children = readFileSync(`/proc/${all[k]}/task/${task}/children`, 'utf8');
				for (const child of children.split(' ').filter(Boolean)) all.push(Number(child));
			}
		} catch {
			// gone meanwhile
		}
	}
	return all;
}

/** A /proc file's `Name: <kB>` line in MB (0 when the process is gone). */
function kbLine(file: string, name: string): number {
	try {
		const text = readFileSync(file, 'utf8');
		return Number(new RegExp(`${name}:\\s+(\\d+)`).exec(text)?.[1] ?? 0) / 1024;
	} catch {
		return 0;
	}
}

/**
 * CPU seconds a process used, with its children that ended (utime, stime, cutime, cstime of
 * /proc/<pid>/stat at 100 ticks a second), so that a tree's sum counts each once.
 */
function cpuSeconds(pid: number): number {
	try {
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		return fields.slice(11, 15).reduce((sum, ticks) => sum + Number(ticks), 0) / 100;
	} catch {
		return 0;
	}
}

/**
 * Samples every second, until stopped: peak RSS and PSS per role (RSS counts memory the
 * processes share, PostgreSQL's buffers, once per process; PSS splits it among them), the
 * highest load average, and each role's CPU seconds so far (a series, for the trace).
 */
function sampler(roles: () => Record<string, number[]>) {
	const peak: Record<string, number> = {};
	const peakPss: Record<string, number> = {};
	const cpu: Array<[at: number, seconds: Record<string, number>]> = [];
	let load = os.loadavg()[0];
	const sample = () => {
		const seconds: Record<string, number> = {};
		for (const [role, pids] of Object.entries(roles())) {
			const all = pids.flatMap(tree);
			const sum = (f: (pid: number) => number) => all.reduce((total, pid) => total + f(pid), 0);
			peak[role] = Math.max(
				peak[role] ?? 0,
				sum((pid) => kbLine(`/proc/${pid}/status`, 'VmRSS')),
			);
			peakPss[role] = Math.max(
				peakPss[role] ?? 0,
				sum((pid) => kbLine(`/proc/${pid}/smaps_rollup`, 'Pss')),
			);
			seconds[role] = sum(cpuSeconds);
		}
		cpu.push([Date.now(), seconds]);
		load = Math.max(load, os.loadavg()[0]);
	};
	sample();
	const timer = setInterval(sample, 1_000);
	return {
		stop() {
			clearInterval(timer);
			sample();
			const used = Object.fromEntries(
				Object.entries(cpu[cpu.length - 1][1]).map(([role, s]) => [
					role,
					s - (cpu[0][1][role] ?? 0),
				]),
			);
			return { peak, peakPss, load, cpu, used };
		},
	};
}

/** The burst workflow, or (control) the same with a No Operation node where Bento was. */
function workflow(lib: Libs, credential: object, mode: VolumeMode) {
	const flow = lib.burstWorkflow({ id: WORKFLOW_ID, path: HOOK, credential });
	if (!isControl(mode)) return flow;
	const noOp = {
		id: 'noop',
		name: 'Bento',
		type: 'n8n-nodes-base.noOp',
		typeVersion: 1,
		position: [220, 0],
		parameters: {},
	};
	return { ...flow, nodes: [flow.nodes[0], noOp] };
}

async function resetWithVolumeLimit(sandbox: LimitSandbox) {
	await sandboxCall(sandbox, 'reset', {});
	await sandboxCall(sandbox, 'rate-limit', VOLUME_LIMIT);
}

/** What a row runs: its processes by role, how to wait for its executions and read them. */
interface Run {
	major: 1 | 2;
	/** The processes of each role (memory, CPU). */
	roles: () => Record<string, number[]>;
	finished: (expected: number) => Promise<Finished>;
	errorOf: (id: string) => Promise<string | undefined>;
	/** Once all finished: which process sent each event's requests. */
	senders?: () => (record: number | null) => string;
	/** Once all finished: the executions' times, for the trace. */
	executions?: () => object[];
}

/** Fires, waits for every accepted call's execution, reads the stand-in. */
async function measure(
	sandbox: LimitSandbox,
	port: number,
	count: number,
	mode: VolumeMode,
	run: Run,
) {
	await resetWithVolumeLimit(sandbox);
	const loadBefore = os.loadavg()[0];
	const memory = sampler(run.roles);
	let fired: Awaited<ReturnType<typeof fire>>;
	let done: Finished;
	let sampled: ReturnType<typeof memory.stop>;
	try {
		fired = await fire(port, count);
		done = await run.finished(fired.statuses['200'] ?? 0);
	} finally {
		sampled = memory.stop();
	}
	const accepted = fired.statuses['200'] ?? 0;
	const refusedCalls = Object.fromEntries(
		Object.entries(fired.statuses).filter(([status]) => status !== '200'),
	);
	const seen = isControl(mode) ? undefined : await seenBy(sandbox, count, 'events');
	const failure = done.firstFailedId
		? `${done.failed} failed: ${(await run.errorOf(done.firstFailedId)) ?? '?'}`
		: undefined;
	const from = seen?.firstAt ?? fired.started;
	const senderOf = run.senders?.() ?? (() => 'main');
	const read = seen && (await readLog(sandbox, fired, seen.firstAt, senderOf));
	saveTrace(process.env.BENCH_VOLUME_TRACE, `volume-${mode}-${count}-n8n${run.major}.json`, {
		mode,
		limit: VOLUME_LIMIT,
		firedAt: fired.started,
		settledAt: fired.settledAt,
		statuses: fired.answers,
		log: read?.log,
		senders: read?.log.map(([, , record]) => senderOf(record)),
		cpu: sampled.cpu,
		executions: run.executions?.(),
	});
	console.error(
		`  ${accepted} of ${count} calls accepted (${JSON.stringify(refusedCalls)}), answered in ${(fired.ms / 1000).toFixed(1)} s; ${done.finished} finished, ${done.failed} failed, ${((done.at - from) / 1000).toFixed(1)} s${seen ? `; ${seen.requests} requests, 429s per window ${seen.refusedPerWindow.join(', ')}, ${seen.once} once, ${seen.missing} lost, ${seen.duplicated} duplicated` : ''}${failure ? `; ${failure}` : ''}`,
	);
	console.error(
		`    CPU seconds by role: ${Object.entries(sampled.used)
			.map(([role, cpu]) => `${role} ${cpu.toFixed(0)}`)
			.join(', ')}${read ? `; intake floor ${(read.intakeFloor / 1000).toFixed(1)} s` : ''}`,
	);
	if (read) describeWindows(read.windows).forEach((line) => console.error(line));
	return {
		accepted,
		refusedCalls,
		answeredIn: fired.ms,
		time: done.at - from,
		finished: done.finished,
		failed: done.failed,
		failure,
		...seen,
		intakeFloor: read?.intakeFloor,
		windows: read?.windows,
		peakRss: sampled.peak,
		peakPss: sampled.peakPss,
		cpuSeconds: sampled.used,
		load: [loadBefore, sampled.load, os.loadavg()[0]] as [number, number, number],
	};
}

/**
 * The stand-in's log read per window and sender, and the intake floor: an event is available
 * from its call's answer (n8n answers an onReceived webhook before it starts or queues the
 * execution), or from its first request if that came first.
 */
async function readLog(
	sandbox: LimitSandbox,
	fired: { settledAt: number[] },
	firstAt: number,
	senderOf: (record: number | null) => string,
) {
	const log = await requestLog(sandbox);
	const firstRequest = new Map<number, number>();
	const taken = new Set<number>();
	for (const [at, status, record] of log) {
		if (record === null) continue;
		if (!firstRequest.has(record)) firstRequest.set(record, at);
		if (typeof status === 'number' && status < 400) taken.add(record);
	}
	const availableAt = [...taken].map((n) =>
		Math.min(fired.settledAt[n] ?? Infinity, firstRequest.get(n)!),
	);
	return {
		log,
		intakeFloor: intakeFloor(availableAt, firstAt, VOLUME_LIMIT),
		windows: perWindowBySender(log, VOLUME_LIMIT.windowMs, senderOf),
	};
}

/**
 * Sets up n8n's owner. On a loaded machine n8n may answer readiness a moment before it takes
 * connections well (a first smoke run failed here with "fetch failed"): a few tries, 2 s apart.
 */
async function ownerOf(n8n: E2eN8n) {
	for (let tries = 1; ; tries++) {
		const outcome = await n8n.setupOwner().then(
			(owner) => ({ owner }),
			(error: unknown) => ({ error }),
		);
		if ('owner' in outcome) return outcome.owner;
		if (tries === 5) throw new Error(`n8n's owner setup failed 5 times: ${String(outcome.error)}`);
		await new Promise((resolve) => setTimeout(resolve, 2_000));
	}
}

/** Regular mode (with Bento, or the control): one fresh `n8n start`. */
async function regularRow(
	sandbox: LimitSandbox,
	tarball: string,
	major: 1 | 2,
	count: number,
	mode: 'regular' | 'control',
): Promise<VolumeResult> {
	const lib = libs();
	const { port, brokerPort } = ports().regular(major);
	const n8n = new lib.N8n(major, { port, brokerPort });
	try {
		lib.installPackage(n8n.userFolder, tarball);
		const { credentials, CREDENTIAL } = queueLib();
		await n8n.importCredentials(credentials(sandbox));
		await n8n.importWorkflows([workflow(lib, CREDENTIAL, mode)]);
		const activated = await n8n.cli(['update:workflow', `--id=${WORKFLOW_ID}`, '--active=true']);
		if (activated.code !== 0) throw new Error(`activation failed: ${activated.stderr}`);
		await n8n.start();
		await ownerOf(n8n);
		await lib.waitForWebhook(port, HOOK);
		console.error(`  n8n ${MAJOR_VERSIONS(major)} ${mode} mode, ${count} calls at once:`);
		const result = await measure(sandbox, port, count, mode, {
			major,
			roles: () => ({ main: n8n.server?.pid ? [n8n.server.pid] : [] }),
			finished: async (expected) =>
				await lib.waitForExecutions(n8n, WORKFLOW_ID, expected, { timeoutMs: WAIT_MS }),
			errorOf: async (id) => await lib.executionError(n8n, id),
		});
		return { version: MAJOR_VERSIONS(major), mode, calls: count, processes: 1, ...result };
	} finally {
		await n8n.stop();
		n8n.cleanup();
	}
}

interface Cluster {
	start(): Promise<void>;
	importData(credentials: object[], workflows: object[]): Promise<void>;
	startN8n(): Promise<void>;
	startWebhookProcessors(count: number): Promise<void>;
	activate(): Promise<void>;
	stop(): Promise<void>;
	main: { setupOwner(): Promise<string> };
	procs: Array<{ name: string; pid: number }>;
	executions(workflowId: string): Array<{ id: string; status: string }>;
	executionError(id: string): string | undefined;
	sql(query: string): string[][];
	/** Execution ids each worker process logged as started, by the process's name. */
	startedBy(): Record<string, string[]>;
}

/** Which worker ran each event's execution: its log's "started execution" and the run data. */
function workerOf(cluster: Cluster) {
	const byExecution = new Map<string, string>();
	for (const [worker, ids] of Object.entries(cluster.startedBy()))
		for (const id of ids) byExecution.set(id, worker);
	const rows = cluster.sql(
		`SELECT d."executionId", substring(d.data from 'burst\\.([0-9]+)@example\\.com') FROM execution_data d JOIN execution_entity e ON e.id = d."executionId" WHERE e."workflowId" = '${WORKFLOW_ID}'`,
	);
	const byRecord = new Map<number, string>();
	for (const [id, record] of rows)
		if (record) byRecord.set(Number(record), byExecution.get(id) ?? '?');
	return (record: number | null) => (record === null ? '?' : (byRecord.get(record) ?? '?'));
}

/** Each execution's id, status and times (ms): created (queued), started and stopped. */
function executionTimes(cluster: Cluster) {
	const ms = (column: string) => `round(extract(epoch from "${column}") * 1000)`;
	return cluster
		.sql(
			`SELECT id, status, ${ms('createdAt')}, ${ms('startedAt')}, ${ms('stoppedAt')} FROM execution_entity WHERE "workflowId" = '${WORKFLOW_ID}' ORDER BY id`,
		)
		.map(([id, status, created, started, stopped]) => ({
			id,
			status,
			created: Number(created),
			started: Number(started),
			stopped: Number(stopped),
		}));
}

/** Queue mode: front → webhook processors → Redis → workers, PostgreSQL. */
async function queueRow(
	sandbox: LimitSandbox,
	tarball: string,
	major: 1 | 2,
	count: number,
	mode: 'queue' | 'queue-control' = 'queue',
): Promise<VolumeResult> {
	const lib = queueLib();
	const burst = libs();
	const plan = ports();
	const cluster = new (lib.QueueCluster as unknown as new (o: object) => Cluster)({
		major,
		tarball,
		workers: VOLUME_QUEUE.workers,
		concurrency: VOLUME_QUEUE.concurrency,
		ports: plan.queue,
	});
	let front;
	try {
		await cluster.start();
		await cluster.importData(lib.credentials(sandbox), [workflow(burst, lib.CREDENTIAL, mode)]);
		await cluster.startN8n();
		await cluster.main.setupOwner();
		await cluster.activate();
		await cluster.startWebhookProcessors(VOLUME_QUEUE.webhooks);
		front = await startFront(plan.front, plan.queue.webhooks);
		await burst.waitForWebhook(plan.front, HOOK);
		front.forwarded.fill(0);
		console.error(`  n8n ${MAJOR_VERSIONS(major)} ${mode} mode, ${count} calls at once:`);
		const byRole = () => {
			const roles: Record<string, number[]> = {};
			for (const proc of cluster.procs) {
				const role = proc.name.replace(/\d.*$/, '');
				(roles[role] ??= []).push(proc.pid);
			}
			return roles;
		};
		const result = await measure(sandbox, plan.front, count, mode, {
			major,
			roles: byRole,
			finished: (expected) => finishedExecutions(lib, cluster, WORKFLOW_ID, expected, WAIT_MS),
			errorOf: async (id) => cluster.executionError(id),
			senders: isControl(mode) ? undefined : () => workerOf(cluster),
			executions: () => executionTimes(cluster),
		});
		console.error(
			`  front: calls per processor ${front.forwarded.join(', ')}, ${front.failed} 502`,
		);
		return {
			version: MAJOR_VERSIONS(major),
			mode,
			calls: count,
			processes: VOLUME_QUEUE.workers,
			...result,
		};
	} finally {
		await front?.close();
		await cluster.stop();
	}
}

/** Which volume rows to run: the calls at once of each row, per kind, on each major. */
interface VolumeOptions {
	majors: Array<1 | 2>;
	tarball: string;
	regular: number[];
	control: number[];
	queue: number[];
	queueControl?: number[];
}

/** Every volume row asked for, per major: regular, control, queue. */
export async function volumeRows(
	sandbox: LimitSandbox,
	{ majors, tarball, regular, control, queue, queueControl = [] }: VolumeOptions,
): Promise<VolumeResult[]> {
	const rows: VolumeResult[] = [];
	for (const major of majors) {
		const plan: Array<[number, () => Promise<VolumeResult>]> = [
			...control.map((k) => [k, () => regularRow(sandbox, tarball, major, k, 'control')] as const),
			...regular.map((k) => [k, () => regularRow(sandbox, tarball, major, k, 'regular')] as const),
			...queueControl.map(
				(k) => [k, () => queueRow(sandbox, tarball, major, k, 'queue-control')] as const,
			),
			...queue.map((k) => [k, () => queueRow(sandbox, tarball, major, k)] as const),
		] as Array<[number, () => Promise<VolumeResult>]>;
		for (const [count, run] of plan) {
			try {
				rows.push(await run());
			} catch (error) {
				console.error(
					`  n8n ${MAJOR_VERSIONS(major)} ${count} calls: not measured: ${(error as Error).stack ?? String(error)}`,
				);
			}
		}
	}
	return rows;
}

const n = (v: number) => v.toLocaleString('en');
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function volumeRow(r: VolumeResult) {
	// n8n's expression engine when the run set one for 2.x (2.41.1 defaults to `vm`); the e2e
	// harness runs 1.x with `legacy` whatever the environment says (e2e/lib/n8n.js).
	const engine = r.version.startsWith('2.') ? process.env.N8N_EXPRESSION_ENGINE : undefined;
	const queue = `queue: front → ${VOLUME_QUEUE.webhooks} webhook processors → ${VOLUME_QUEUE.workers} workers × ${VOLUME_QUEUE.concurrency}${engine ? `, N8N_EXPRESSION_ENGINE=${engine}` : ''}`;
	const setup =
		r.mode === 'queue'
			? queue
			: r.mode === 'queue-control'
				? `${queue}, control: No Operation instead of Bento`
				: r.mode === 'control'
					? 'regular (1 process), control: No Operation instead of Bento'
					: 'regular (1 process), Bento';
	const refused = Object.entries(r.refusedCalls)
		.map(([why, k]) => `${n(k)} ${why}`)
		.join(', ');
	// The floor of the requests Bento took: a call n8n answered with an error may still have
	// started its execution (and sent its event).
	const sent = r.requests === undefined ? 0 : r.requests - (r.refused ?? 0);
	const floor = r.firstAt === undefined ? undefined : limitFloor(sent, r.firstAt, VOLUME_LIMIT);
	const target = r.mode === 'queue' ? ` (≤ ${TARGET.queue})` : '';
	const ratio = (of?: number) => (of ? `**${(r.time / of).toFixed(2)}**${target}` : '');
	const senders = Array.from({ length: r.processes }, (_, i) =>
		r.mode === 'queue' ? `worker${i + 1}` : 'main',
	);
	const perProcess = r.windows && laterRefusedPerProcess(r.windows);
	const byRole = (f: (role: string) => string) =>
		Object.keys(r.peakRss)
			.map((role) => `${role} ${f(role)}`)
			.join(', ');
	return `| ${[
		`${r.version}, real n8n, ${new Date().toISOString().slice(0, 10)}`,
		setup,
		n(r.calls),
		`${n(r.accepted)}${refused ? ` (not accepted: ${refused})` : ''}`,
		secs(r.answeredIn),
		`${n(r.finished)} / ${r.failed}`,
		r.requests === undefined ? '' : n(r.requests),
		secs(r.time),
		floor === undefined ? '' : secs(floor),
		ratio(floor),
		r.intakeFloor === undefined ? '' : secs(r.intakeFloor),
		ratio(r.intakeFloor),
		r.windows ? refusedBySender(r.windows, senders) : '',
		r.laterRefusedMax === undefined
			? ''
			: `${r.laterRefusedMax} (≤ ${TARGET.laterRefusedPerProcess * r.processes})`,
		perProcess === undefined ? '' : `${perProcess} (≤ ${TARGET.laterRefusedPerProcess})`,
		r.once === undefined ? '' : `${n(r.once)} / ${r.missing} / ${r.duplicated}`,
		byRole((role) => `${r.peakRss[role].toFixed(0)} (${(r.peakPss[role] ?? 0).toFixed(0)}) MB`),
		byRole((role) => (r.cpuSeconds[role] ?? 0).toFixed(0)),
		`${r.load[0].toFixed(1)} → ${r.load[1].toFixed(1)} → ${r.load[2].toFixed(1)}`,
	].join(' | ')} |`;
}

/** The section, as lines of Markdown; none when no volume row was asked for. */
export async function volumeSection(sandbox: LimitSandbox, options: VolumeOptions) {
	const asked = [options.regular, options.control, options.queue, options.queueControl ?? []];
	if (!asked.some((list) => list.length)) return [];
	const started = Date.now();
	const rows = await volumeRows(sandbox, options);
	const minutes = ((Date.now() - started) / 60_000).toFixed(1);
	return [
		'## In real n8n: thousands of webhook calls at once (issue 31)',
		'',
		`K webhook calls fired at once over HTTP (one connection each, each tried once, ${CALL_TIMEOUT_MS / 1000} s timeout) at a workflow Webhook (answered at once) → Bento Create Events (Define Below, one item per call, default options), against the stand-in's limit scaled up tenfold: ${n(VOLUME_LIMIT.limit)} requests per clock minute, refused requests counted, no Retry-After. **Regular**: one fresh \`n8n start\` (sqlite, n8n's default unbounded concurrency). **Control**: the same with a No Operation node in Bento's place: what n8n itself accepts, drops and how fast it runs the executions. **Queue**: a front that accepts every connection and passes the calls in turn to ${VOLUME_QUEUE.webhooks} webhook processors (\`n8n webhook\`, ${FRONT_CONNECTIONS} kept-alive connections each; bench/webhookFront.ts, the harness's stand-in for a load balancer such as nginx) → Redis → ${VOLUME_QUEUE.workers} workers at concurrency ${VOLUME_QUEUE.concurrency}, PostgreSQL; the main process (editor, activation) gets no calls. Accepted: calls answered 200 (the others by status or socket error). Executions: n8n's count finished / failed (error, crashed, canceled). Time: from the first Bento request at the stand-in (control: the first call) until n8n reports every accepted call's execution finished (polled each second). **Floor** (as in earlier rows): the limit's least time for the requests Bento took (a call answered with an error may still have started its execution) from the first one's second in its minute, as if every event could go at once. **Floor given intake**: the same least time when no event may go before its call was answered (n8n answers an onReceived webhook before it queues the execution; or before the event's first request, if that came first) nor before the first request: a perfect sender fills each clock window with what had arrived; it equals the floor when the calls are answered faster than the limit takes them. 429s per window: each clock minute that saw a request, oldest first, with each worker's share (worker1+worker2, from the stand-in's request log and the worker that logged starting the event's execution). Most 429s in a later window: the most in one window after the first (as in earlier rows), against 2 per worker together; **per process**: the most one worker had in one window after the first window in which Bento refused (the window where each worker's line learns the limit, up to ${LEARNING_IN_FLIGHT} requests in flight each), against 2. Once / lost / duplicated: events numbered 0..K-1 at the stand-in (a call not accepted counts as lost). Memory: the highest RSS of each role's processes together (with their task runners and PostgreSQL's backends), and in brackets their PSS (shared memory split among the processes that share it; RSS counts PostgreSQL's shared buffers once per backend), sampled every second. CPU: CPU seconds each role used from the first call until all finished. Load: the machine's 1-minute load average before → highest during → after (2 cores, shared; the cluster's own processes count in it). Targets (issue 31) in brackets, for queue mode. Reproduce: \`npm run bench:limit -- --majors=1 --limit-rows=volume-control:5000,volume:5000,volume-queue:5000\` (\`volume-queue-control:5000\` for the queue-mode control; \`BENCH_VOLUME_CALL_TIMEOUT_MS\` sets the callers' patience, \`BENCH_VOLUME_TRACE=<folder>\` keeps each row's calls, request log and CPU series as JSON). Took ${minutes} min.`,
		'',
		'| n8n | setup | calls at once | accepted | answered within | executions finished / failed | requests | time | floor | time / floor | floor given intake | time / floor given intake | 429s per window (by worker) | most 429s in a later window | most 429s per process after the learning window | events once / lost / duplicated | peak memory, RSS (PSS) | CPU seconds | load |',
		'|---|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---|---|---|---|',
		...rows.map(volumeRow),
		'',
	];
}
