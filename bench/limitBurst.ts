// Burst rows under Bento's limit (issue 23): K single-event executions fired at once through a
// workflow Webhook → Bento Create Events (one item per call, default options), as a shop's or a
// form's webhook starts them. Regular mode: one `n8n start` (sqlite, n8n's default unbounded
// concurrency), a fresh process per row, on BENCH_LIMIT_PORT_BASE + major (broker + 10 + 10 *
// major). Queue mode: main + 2 workers at concurrency 5, on limitQueue's port plan.
import os from '@n8n-nodes-bentonow/dev-host/os';
import { process, console } from '@n8n-nodes-bentonow/dev-host/runtime';

import { burstLib, type Finished, n8nLib } from './e2eLibs';
import { type Cluster, finishedExecutions, ports, queueLib } from './limitQueue';
import { type LimitSandbox, resetWithLimit, type Seen, seenBy } from './limitStandIn';
import { MAJOR_VERSIONS } from './real';

const WORKFLOW_ID = 'benchBurst1';
const HOOK = 'bench-burst';
/** Queue mode as issue 23 measured it: main + 2 workers, 5 executions each at once. */
export const BURST_QUEUE = { workers: 2, concurrency: 5 };
// A deadline for a hung run only: today's code took 17 minutes for 1,000 in regular mode.
const WAIT_MS = 40 * 60_000;

export interface BurstResult extends Seen {
	version: string;
	mode: 'regular' | 'queue';
	executions: number;
	/** ms from the first request's arrival until every execution was seen finished. */
	time: number;
	failed: number;
	failure?: string;
	/** Processes that call Bento (regular: 1; queue: the workers). */
	processes: number;
	/** Load average (1 min) before and after the row. */
	load: [number, number];
}

const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** Fires, waits, reads the stand-in; `finished` polls n8n until all executions are done. */
async function measure(
	sandbox: LimitSandbox,
	port: number,
	count: number,
	finished: () => Promise<Finished>,
	errorOf: (id: string) => Promise<string | undefined>,
) {
	await resetWithLimit(sandbox);
	const fired = await burstLib().fireBurst(port, HOOK, count);
	if (fired.statuses[200] !== count)
		throw new Error(`n8n did not accept every call: ${JSON.stringify(fired.statuses)}`);
	const done = await finished();
	const seen = await seenBy(sandbox, count, 'events');
	const failure = done.firstFailedId
		? `${done.failed} of ${count} failed: ${(await errorOf(done.firstFailedId)) ?? '?'}`
		: undefined;
	console.error(
		`  calls answered in ${secs(fired.ms)}; ${done.finished} finished, ${done.failed} failed, ${secs(done.at - seen.firstAt)} from the first request; ${seen.requests} requests, 429s per window ${seen.refusedPerWindow.join(', ')}, accepted per window ${seen.acceptedPerWindow.join(', ')} (first at second ${((seen.firstAt % 60_000) / 1000).toFixed(1)} of its minute); ${seen.once} once, ${seen.missing} lost, ${seen.duplicated} duplicated${failure ? `; ${failure}` : ''}`,
	);
	return { time: done.at - seen.firstAt, failed: done.failed, failure, ...seen };
}

/** Regular mode: K executions at once in one fresh `n8n start` per row. */
async function regularRow(
	sandbox: LimitSandbox,
	tarball: string,
	major: 1 | 2,
	count: number,
): Promise<BurstResult> {
	const { N8n, installPackage } = n8nLib();
	const lib = burstLib();
	const base = Number(process.env.BENCH_LIMIT_PORT_BASE ?? 6500);
	const port = base + major;
	const n8n = new N8n(major, { port, brokerPort: base + 10 + major * 10 });
	const load = os.loadavg()[0];
	try {
		installPackage(n8n.userFolder, tarball);
		const { credentials, CREDENTIAL } = queueLib();
		await n8n.importCredentials(credentials(sandbox));
		await n8n.importWorkflows([
			lib.burstWorkflow({ id: WORKFLOW_ID, path: HOOK, credential: CREDENTIAL }),
		]);
		const activated = await n8n.cli(['update:workflow', `--id=${WORKFLOW_ID}`, '--active=true']);
		if (activated.code !== 0) throw new Error(`activation failed: ${activated.stderr}`);
		await n8n.start();
		await n8n.setupOwner();
		await lib.waitForWebhook(port, HOOK);
		console.error(`  n8n ${MAJOR_VERSIONS(major)} regular mode, ${count} executions at once:`);
		const result = await measure(
			sandbox,
			port,
			count,
			async () => await lib.waitForExecutions(n8n, WORKFLOW_ID, count, { timeoutMs: WAIT_MS }),
			async (id) => await lib.executionError(n8n, id),
		);
		return {
			version: MAJOR_VERSIONS(major),
			mode: 'regular',
			executions: count,
			processes: 1,
			load: [load, os.loadavg()[0]],
			...result,
		};
	} finally {
		await n8n.stop();
		n8n.cleanup();
	}
}

/** Queue mode: K executions at once, main + 2 workers at concurrency 5. */
async function queueRow(
	sandbox: LimitSandbox,
	tarball: string,
	major: 1 | 2,
	count: number,
): Promise<BurstResult> {
	const lib = queueLib();
	const burst = burstLib();
	const plan = ports(BURST_QUEUE.workers);
	const cluster: Cluster = new lib.QueueCluster({ major, tarball, ...BURST_QUEUE, ports: plan });
	const load = os.loadavg()[0];
	try {
		await cluster.start();
		const workflow = burst.burstWorkflow({
			id: WORKFLOW_ID,
			path: HOOK,
			credential: lib.CREDENTIAL,
		});
		await cluster.importData(lib.credentials(sandbox), [workflow]);
		await cluster.startN8n();
		await cluster.main.setupOwner();
		await cluster.activate();
		await burst.waitForWebhook(plan.main, HOOK);
		console.error(`  n8n ${MAJOR_VERSIONS(major)} queue mode, ${count} executions at once:`);
		const finished = () => finishedExecutions(lib, cluster, WORKFLOW_ID, count, WAIT_MS);
		const result = await measure(sandbox, plan.main, count, finished, async (id) =>
			cluster.executionError(id),
		);
		return {
			version: MAJOR_VERSIONS(major),
			mode: 'queue',
			executions: count,
			processes: BURST_QUEUE.workers,
			load: [load, os.loadavg()[0]],
			...result,
		};
	} finally {
		await cluster.stop();
	}
}

/** Every burst row asked for: regular-mode sizes, then queue-mode sizes, per major. */
export async function burstRows(
	sandbox: LimitSandbox,
	{
		majors,
		tarball,
		regular,
		queue,
	}: { majors: Array<1 | 2>; tarball: string; regular: number[]; queue: number[] },
): Promise<BurstResult[]> {
	const rows: BurstResult[] = [];
	const plan = majors.flatMap((major) => [
		...regular.map((count) => [major, count, regularRow] as const),
		...queue.map((count) => [major, count, queueRow] as const),
	]);
	for (const [major, count, row] of plan) {
		try {
			rows.push(await row(sandbox, tarball, major, count));
		} catch (error) {
			// One row that could not run (n8n did not start, a hung run) leaves the others.
			console.error(
				`  n8n ${MAJOR_VERSIONS(major)} ${count} at once: not measured: ${String(error)}`,
			);
		}
	}
	return rows;
}
