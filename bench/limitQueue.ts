// Queue mode under Bento's limit: K executions at once (webhooks, each run by a worker of its
// own) share one account at the stand-in. The cluster (main + workers, Redis, PostgreSQL) is the
// e2e queue suite's, on its own ports so that it can run beside that suite (5800-5899): by
// default main 6551, worker health 6552+, task-runner brokers 6561+, Redis 6575, PostgreSQL 6585.
// Environment: BENCH_QUEUE_PORT_BASE (6550) moves them all; BENCH_QUEUE_REDIS_PORT and
// BENCH_QUEUE_POSTGRES_PORT move those two; BENCH_QUEUE_WORKERS (default: one per execution).
import path from '@n8n-nodes-bentonow/dev-host/path';
import { repoRoot } from '@n8n-nodes-bentonow/dev-host/repo';
import { process, console } from '@n8n-nodes-bentonow/dev-host/runtime';

import { MAJOR_VERSIONS } from './real';
import { type LimitSandbox, resetWithLimit, type Seen, seenBy } from './limitStandIn';

const ROOT = repoRoot;

export interface Cluster {
	start(): Promise<void>;
	importData(credentials: object[], workflows: object[]): Promise<void>;
	startN8n(): Promise<void>;
	activate(): Promise<void>;
	stop(): Promise<void>;
	main: { setupOwner(): Promise<string> };
	executions(workflowId: string): Array<{ id: string; status: string }>;
	executionError(id: string): string | undefined;
}
interface QueueLib {
	QueueCluster: new (options: object) => Cluster;
	waitFor: <T>(what: string, check: () => T, options: object) => Promise<T>;
}
interface Workflows {
	webhook: (path: string) => { name: string };
	CREDENTIAL: object;
	credentials: (sandbox: LimitSandbox) => object[];
}
/**
 * The e2e queue library, loaded on first use only: it hooks the process's exit and signals to
 * end what it started, which the rest of the benchmark should not carry.
 */
export function queueLib(): QueueLib & Workflows {
	/* eslint-disable @typescript-eslint/no-require-imports */
	return {
		...(require(path.join(ROOT, 'e2e/queue/services.js')) as QueueLib),
		...(require(path.join(ROOT, 'e2e/queue/workflows.js')) as Pick<Workflows, 'webhook'>),
		...(require(path.join(ROOT, 'e2e/lib/workflows.js')) as Omit<Workflows, 'webhook'>),
	};
	/* eslint-enable @typescript-eslint/no-require-imports */
}

const TERMINAL = new Set(['success', 'error', 'crashed', 'canceled']);

/**
 * Waits (polling each second, up to `timeoutMs`) until `expected` executions of `workflowId`
 * have ended in `cluster`; returns when that was, how many ended, how many not `success`, and
 * the first of those.
 */
export async function finishedExecutions(
	lib: QueueLib,
	cluster: Cluster,
	workflowId: string,
	expected: number,
	timeoutMs: number,
) {
	const list = await lib.waitFor(
		`${expected} finished executions`,
		() => {
			const all = cluster.executions(workflowId).filter((e) => TERMINAL.has(e.status));
			return all.length >= expected ? all : undefined;
		},
		{ timeoutMs, intervalMs: 1_000 },
	);
	const failed = list!.filter((e) => e.status !== 'success');
	return {
		at: Date.now(),
		finished: list!.length,
		failed: failed.length,
		firstFailedId: failed[0]?.id,
	};
}

const WORKFLOW_ID = 'benchLimitQueue1';
const HOOK = 'bench-limit-queue';

/** Ports of the bench's cluster: all from one base (default 6550), Redis and PostgreSQL apart. */
export function ports(workers: number) {
	const base = Number(process.env.BENCH_QUEUE_PORT_BASE ?? 6550);
	if (workers > 8) throw new Error('At most 8 workers fit the port plan');
	return {
		main: base + 1,
		workerHealth: Array.from({ length: workers }, (_, i) => base + 2 + i),
		brokers: Array.from({ length: workers + 1 }, (_, i) => base + 11 + i),
		redis: Number(process.env.BENCH_QUEUE_REDIS_PORT ?? base + 25),
		postgres: Number(process.env.BENCH_QUEUE_POSTGRES_PORT ?? base + 35),
	};
}

/**
 * Webhook → Code → Bento (Create Events, Batch Size 100, other options default). The webhook's
 * body { run, count } numbers the events run * count .. run * count + count - 1, so that the
 * stand-in can count lost and doubled ones over all executions.
 */
function workflow({ webhook, CREDENTIAL }: Workflows) {
	const nodes = [
		webhook(HOOK),
		{
			id: 'code',
			name: 'Generate',
			type: 'n8n-nodes-base.code',
			typeVersion: 2,
			position: [220, 0],
			parameters: {
				jsCode: [
					'const body = $input.first().json.body ?? {};',
					'const run = Number(body.run ?? 0);',
					'const count = Number(body.count ?? 5000);',
					'return Array.from({ length: count }, (_, k) => { const i = run * count + k;',
					"  return { json: { type: 'queue_limit', email: `customer.${i}@example.com`, details: { unique: { key: `q-${i}` } } } }; });",
				].join('\n'),
			},
		},
		{
			id: 'bento',
			name: 'Bento',
			type: 'n8n-nodes-bentonow.bento',
			typeVersion: 1,
			position: [440, 0],
			parameters: {
				resource: 'event',
				operation: 'create',
				mappingMode: 'autoMapInputData',
				options: { batchSize: 100 },
			},
			credentials: { bentoApi: CREDENTIAL },
		},
	];
	const connections: Record<string, object> = {};
	for (let i = 0; i + 1 < nodes.length; i++)
		connections[nodes[i].name] = { main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]] };
	return {
		id: WORKFLOW_ID,
		name: 'Bench under the limit',
		active: true,
		settings: {},
		nodes,
		connections,
	};
}

/** Starts one execution; false while the webhook is not registered yet (404). */
async function trigger(port: number, run: number, count: number): Promise<boolean> {
	const res = await fetch(`http://127.0.0.1:${port}/webhook/${HOOK}`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify({ run, count }),
	});
	const text = await res.text();
	if (res.status === 404) return false;
	if (!res.ok) throw new Error(`webhook answered ${res.status}: ${text}`);
	return true;
}

export interface QueueResult extends Seen {
	version: string;
	workers: number;
	/** ms from the first request's arrival until every execution was seen finished. */
	time: number;
	failure?: string;
}

/**
 * For each major: `executions` webhook executions of `eventsEach` events at once, one per worker
 * (BENCH_QUEUE_WORKERS overrides), against the stand-in's clock limiter.
 */
export async function queueRows(
	sandbox: LimitSandbox,
	{
		majors,
		tarball,
		executions,
		eventsEach,
	}: {
		majors: Array<1 | 2>;
		tarball: string;
		executions: number;
		eventsEach: number;
	},
): Promise<QueueResult[]> {
	const workers = Number(process.env.BENCH_QUEUE_WORKERS ?? executions);
	const lib = queueLib();
	const { QueueCluster, waitFor } = lib;
	const results: QueueResult[] = [];
	for (const major of majors) {
		const plan = ports(workers);
		const cluster = new QueueCluster({ major, tarball, workers, concurrency: 1, ports: plan });
		try {
			await cluster.start();
			await cluster.importData(lib.credentials(sandbox), [workflow(lib)]);
			await cluster.startN8n();
			await cluster.main.setupOwner();
			await cluster.activate();
			await resetWithLimit(sandbox);
			await Promise.all(
				Array.from({ length: executions }, async (_, run) => {
					// n8n 2.x may register the webhook a moment after its activation answered; a 404
					// starts nothing, so asking again is safe.
					await waitFor(`webhook ${run}`, async () => await trigger(plan.main, run, eventsEach), {
						timeoutMs: 60_000,
						intervalMs: 500,
					});
				}),
			);
			const done = await waitFor(
				`${executions} finished executions`,
				() => {
					const list = cluster.executions(WORKFLOW_ID).filter((e) => TERMINAL.has(e.status));
					return list.length >= executions ? list : undefined;
				},
				{ timeoutMs: 20 * 60_000, intervalMs: 250 },
			);
			const endAt = Date.now();
			const failed = done!.filter((e) => e.status !== 'success');
			const seen = await seenBy(sandbox, executions * eventsEach, 'events');
			const failure = failed.length
				? `${failed.length} of ${executions} executions ${failed[0].status}: ${cluster.executionError(failed[0].id) ?? ''}`
				: undefined;
			results.push({
				version: MAJOR_VERSIONS(major),
				workers,
				time: endAt - seen.firstAt,
				failure,
				...seen,
			});
			console.error(
				`  n8n ${MAJOR_VERSIONS(major)} queue mode, ${executions} executions: ${failure ?? `${((endAt - seen.firstAt) / 1000).toFixed(1)} s`}, ${seen.refused} × 429`,
			);
		} finally {
			await cluster.stop();
		}
	}
	return results;
}
