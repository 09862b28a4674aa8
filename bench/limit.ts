// `npm run bench:limit` (or `npm run bench -- --limit`): the node under Bento's rate limit, in
// real n8n 1.x and 2.x. The stand-in counts like Rails' usual limiter: 100 requests per minute
// of its clock, refused ones too, 429 without Retry-After. Rows: one execution of 250 requests
// per operation, and K executions at once in queue mode sharing one account. Each row takes
// about two minutes: opt-in, never part of bench:smoke.
import { process, console } from '@n8n-nodes-bentonow/dev-host/runtime';

import { BURST_QUEUE, type BurstResult, burstRows } from './limitBurst';
import { queueRows } from './limitQueue';
import {
	LIMIT,
	type LimitSandbox,
	limitFloor,
	type RecordKind,
	resetWithLimit,
	sandboxCall,
	type Seen,
	seenBy,
} from './limitStandIn';
import * as real from './real';

/** One execution's job: 250 requests of an operation at a small batch size. */
interface LimitJob {
	spec: real.OperationSpec;
	kind: RecordKind;
	records: number;
}

function jobs(): LimitJob[] {
	const job = (word: string, kind: RecordKind, records: number, batchSize: number): LimitJob => {
		const spec = real.OPERATIONS.find((s) => s.label.includes(word))!;
		// Batch Size is the only option set; everything else is the node's default.
		return { spec: { ...spec, batchSize, options: { batchSize } }, kind, records };
	};
	return [
		job('Create Events', 'events', 25_000, 100),
		job('Subscriber Import', 'subscribers', 25_000, 100),
		// Run Command takes at most 100 commands per request: 2,500 at 10 are 250 requests too.
		job('Run Command', 'commands', 2_500, 10),
	];
}

const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** The first line of a failed run's error, without n8n's log tail. */
const why = (error: unknown) =>
	String((error as Error).message ?? error)
		.split('\n')[0]
		.replace(/^.*the run failed: /, '')
		.replace(/ \(exit \d+\)$/, '');

/**
 * A table row. `planned`: the job's requests without refusals (its floor is the limit's least
 * time for them); `time` undefined when the run failed (then `failure` says why, and the time
 * shown is from its first to its last request).
 */
function row(
	cells: { version: string; job: string; executions: number; records: string; planned: number },
	seen: Seen,
	time: number | undefined,
	failure: string | undefined,
) {
	const floor = limitFloor(cells.planned, seen.firstAt);
	const lost = seen.missing.toLocaleString('en');
	const shown = failure
		? `**failed** after ${secs(seen.lastAt - seen.firstAt)}: ${failure}`
		: secs(time!);
	// One window holds a small job: no floor from the limit, so no ratio.
	const ratio = failure || floor === 0 ? '' : `**${(time! / floor).toFixed(2)}**`;
	return `| ${[
		cells.version,
		cells.job,
		cells.executions,
		cells.records,
		seen.requests,
		shown,
		secs(floor),
		ratio,
		seen.refused,
		seen.laterRefusedMax,
		lost,
		seen.duplicated,
	].join(' | ')} |`;
}

/** One execution of 250 requests per operation, per major (n8n on 6500 + major). */
async function singleRows(sandbox: LimitSandbox, options: LimitOptions): Promise<string[]> {
	const rows: string[] = [];
	const only = options.operations;
	const selected = jobs().filter(
		(j) => !only || only.some((w) => j.spec.label.toLowerCase().includes(w)),
	);
	// BENCH_LIMIT_PORT_BASE (6500) moves n8n (base + major) and its broker (base + 10 + 10 * major).
	const base = Number(process.env.BENCH_LIMIT_PORT_BASE ?? 6500);
	for (const major of options.majors) {
		const n8n = new real.RealN8n(major, base + major, false, base + 10 + major * 10);
		try {
			await n8n.setup(
				options.tarball,
				sandbox,
				selected.map((j) => [j.spec, 'first', j.records]),
			);
			for (const j of selected) {
				await resetWithLimit(sandbox);
				let time: number | undefined;
				let failure: string | undefined;
				try {
					time = (await n8n.run(j.spec, 'first', j.records)).node;
				} catch (error) {
					failure = why(error);
				}
				const seen = await seenBy(sandbox, j.records, j.kind);
				const label = `${j.spec.label}, Batch Size ${real.batchOf(j.spec)}`;
				console.error(
					`  n8n ${n8n.version} ${label} under the limit: ${failure ?? secs(time!)}, ${seen.refused} × 429, ${seen.missing} lost, ${seen.duplicated} duplicated`,
				);
				const cells = {
					version: n8n.version,
					job: label,
					executions: 1,
					records: j.records.toLocaleString('en'),
					planned: Math.ceil(j.records / real.batchOf(j.spec)),
				};
				rows.push(row(cells, seen, time, failure));
			}
		} finally {
			n8n.cleanup();
		}
	}
	return rows;
}

export interface LimitOptions {
	majors: Array<1 | 2>;
	tarball: string;
	/** Only the operations whose label contains one of these words (lower case). */
	operations?: string[];
	/** Rows of one execution per operation. */
	single: boolean;
	/** Queue-mode rows. */
	queue: boolean;
	/** Executions at once in queue mode, and events each (5 × 5,000: 250 requests in all). */
	executions: number;
	eventsEach: number;
	/** Burst rows: executions at once in regular mode (e.g. [300, 1000]), and in queue mode. */
	burst: number[];
	burstQueue: number[];
}

/** Issue 23's targets for a burst row: time / floor, and 429s in a later window per process. */
const BURST_TARGET = { regular: 1.1, queue: 1.2, laterRefusedPerProcess: 2 };

/** A burst table row; the target beside each figure it applies to. */
function burstRow(r: BurstResult) {
	const floor = limitFloor(r.executions, r.firstAt);
	const target = BURST_TARGET[r.mode];
	const refusedTarget = BURST_TARGET.laterRefusedPerProcess * r.processes;
	const mode =
		r.mode === 'regular'
			? 'regular (1 process)'
			: `queue (main + ${BURST_QUEUE.workers} workers × ${BURST_QUEUE.concurrency})`;
	const n = (v: number) => v.toLocaleString('en');
	return `| ${[
		`${r.version}, real n8n, ${new Date().toISOString().slice(0, 10)}`,
		mode,
		n(r.executions),
		n(r.requests),
		secs(r.time),
		secs(floor),
		`**${(r.time / floor).toFixed(2)}** (≤ ${target})`,
		`${r.failed} (0)`,
		n(r.refused),
		r.refusedPerWindow.join(', '),
		`${r.laterRefusedMax} (≤ ${refusedTarget})`,
		`${n(r.once)} of ${n(r.executions)}`,
		`${r.missing} (0)`,
		`${r.duplicated} (0)`,
		`${r.load[0].toFixed(1)} → ${r.load[1].toFixed(1)}`,
	].join(' | ')} |`;
}

/** The burst section (issue 23), as lines of Markdown; none when no burst row was asked for. */
async function burstSection(sandbox: LimitSandbox, options: LimitOptions) {
	if (!options.burst.length && !options.burstQueue.length) return [];
	const started = Date.now();
	const rows = await burstRows(sandbox, {
		majors: options.majors,
		tarball: options.tarball,
		regular: options.burst,
		queue: options.burstQueue,
	});
	const minutes = ((Date.now() - started) / 60_000).toFixed(1);
	return [
		"## In real n8n: a burst of single-event executions under Bento's limit",
		'',
		`K webhook calls fired at once over HTTP (one connection each) at a workflow Webhook (answered at once) → Bento Create Events (Define Below, one item per call, default options): K executions of one request each on one account, against the same stand-in limiter as above (${LIMIT.limit} requests per clock minute, refused requests counted, no Retry-After). Regular mode: one fresh \`n8n start\` per row (sqlite, n8n's default unbounded concurrency: all K run at once). Queue mode: main + ${BURST_QUEUE.workers} workers at concurrency ${BURST_QUEUE.concurrency}, Redis, PostgreSQL. Time: from the first request's arrival at the stand-in until n8n reports all K executions finished (polled every second: GET /rest/executions with a status filter as the owner in regular mode, the executions table in queue mode). Floor: the limit's least time for K requests from the first request's second in the clock minute (ceil(K / ${LIMIT.limit}) windows, as above). Failed executions: n8n's count of executions in error, crashed or canceled. Delivered once, lost, duplicated: events numbered 0..K-1 counted at the stand-in. Targets (issue 23) in brackets: regular mode ≤ ${BURST_TARGET.regular}× the floor, queue mode ≤ ${BURST_TARGET.queue}×, 0 failed, 0 lost, 0 duplicated, ≤ ${BURST_TARGET.laterRefusedPerProcess} refused requests per window after the first per process that calls Bento. Load: the machine's 1-minute load average before and after the row (2 cores). Reproduce one row: \`npm run bench:limit -- --majors=1 --limit-rows=burst:300\` (\`burst:1000\`, \`burst-queue:1000\`). Took ${minutes} min.`,
		'',
		"| n8n | mode | executions at once | requests | time | limit's floor | time / floor | failed executions | 429s | 429s per window | most 429s in a later window | delivered once | lost | duplicated | load |",
		'|---|---|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---|',
		...rows.map(burstRow),
		'',
	];
}

/** The section "under Bento's limit", as lines of Markdown. */
export async function limitSection(sandbox: LimitSandbox, options: LimitOptions) {
	const started = Date.now();
	const rows = options.single ? await singleRows(sandbox, options) : [];
	if (options.queue) {
		for (const r of await queueRows(sandbox, options)) {
			const label = `Create Events, Batch Size 100, queue mode (${r.workers} workers)`;
			const records = `${options.executions} × ${options.eventsEach.toLocaleString('en')}`;
			const planned = options.executions * Math.ceil(options.eventsEach / 100);
			const cells = {
				version: r.version,
				job: label,
				executions: options.executions,
				records,
				planned,
			};
			rows.push(row(cells, r, r.time, r.failure));
		}
	}
	const minutes = ((Date.now() - started) / 60_000).toFixed(1);
	const burst = await burstSection(sandbox, options);
	await sandboxCall(sandbox, 'reset', {});
	if (!rows.length) return burst;
	return [
		"## In real n8n: under Bento's limit",
		'',
		`The stand-in counts as a Rails app under Rack::Attack would at Bento's documented limit for \`/batch/*\` and \`/fetch/*\`: ${LIMIT.limit} requests per minute of its clock (the count starts again at each whole minute of its \`Date\`), refused requests counted too, 429 without Retry-After. The node runs with its default options except Batch Size. One execution: \`n8n execute\` (Start → Code → Bento) in a fresh process; its time is n8n's executionTime of the Bento node. Queue mode: ${options.executions} webhook executions at once on one account; the time runs from the first request's arrival at the stand-in until the last execution is seen finished (polled every 250 ms). The limit's floor is the least time the limit allows for the job's requests from the first request's second in the clock minute (250 requests from second s: (60 - s) + 60 s). Lost and duplicated: records numbered 0..N-1 (unique key or email) counted at the stand-in. Targets (issue 17): one execution within 1.1× the floor with at most 2 refused requests per window after the first; ${options.executions} at once within 1.25×; 0 lost, 0 duplicated, 0 failed. Took ${minutes} min.`,
		'',
		"| n8n | job | executions | records | requests | time | limit's floor | time / floor | 429s | most 429s in a later window | lost | duplicated |",
		'|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
		...rows,
		'',
		...burst,
	];
}
