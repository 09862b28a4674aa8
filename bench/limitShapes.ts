// Rows under other limiters and traffic mixes (issue 31), in real n8n, regular mode, default
// options, one fresh `n8n start` per row on BENCH_SHAPES_PORT_BASE (7560) + major (its broker
// + 10 + 10 * major):
//   sliding:<K>  K webhook executions at once against a sliding 60-s window of 100 requests
//                that counts refused requests too;
//   mixed        one execution sending 25,000 events in 250 requests (Webhook → Code → Create
//                Events, Batch Size 100), then 10 s later 300 single-event webhook executions,
//                at Bento's clock-aligned limit: the singles' waits and the bulk job's finish.
// Alone: `npm run bench:build && node .bench-build/bench/limitShapes.js --major=1 --rows=mixed`.
import { type ChildProcess, fork } from '@n8n-nodes-bentonow/dev-host/child_process';
import os from '@n8n-nodes-bentonow/dev-host/os';
import path from '@n8n-nodes-bentonow/dev-host/path';
import { repoRoot } from '@n8n-nodes-bentonow/dev-host/repo';
import { console, process, setTimeout } from '@n8n-nodes-bentonow/dev-host/runtime';

import { burstLib, n8nLib } from './e2eLibs';
import { queueLib } from './limitQueue';
import { LIMIT, type LimitSandbox, limitFloor, sandboxCall, seenBy } from './limitStandIn';
import { MAJOR_VERSIONS, packForN8n } from './real';

const ROOT = repoRoot;

export const SLIDING_COUNTING_REFUSED = { ...LIMIT, shape: 'sliding', countRefused: true };
const SINGLES = 300;
const BULK = { events: 25_000, batchSize: 100, afterMs: 10_000 };
const WAIT_MS = 40 * 60_000;
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Webhook → Code (BULK.events events numbered from SINGLES) → Create Events at Batch Size 100. */
function bulkWorkflow(credential: object) {
	const { webhook } = queueLib();
	const code = [
		`return Array.from({ length: ${BULK.events} }, (_, k) => ({ json: { type: 'bulk_test', email: \`burst.\${${SINGLES} + k}@example.com\` } }));`,
	].join('\n');
	const nodes = [
		webhook('bench-bulk'),
		{
			id: 'code',
			name: 'Generate',
			type: 'n8n-nodes-base.code',
			typeVersion: 2,
			position: [220, 0],
			parameters: { jsCode: code },
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
				options: { batchSize: BULK.batchSize },
			},
			credentials: { bentoApi: credential },
		},
	];
	const link = (from: string, to: string) => ({ main: [[{ node: to, type: 'main', index: 0 }]] });
	return {
		id: 'benchBulk1',
		name: 'Bench bulk',
		active: true,
		settings: {},
		nodes,
		connections: { Webhook: link('Webhook', 'Generate'), Generate: link('Generate', 'Bento') },
	};
}

/**
 * Fires `count` webhook calls with bodies { n, email: burst.<n>@example.com }, at most
 * CALLS_AT_ONCE open at a time (a loaded 2-core machine's n8n resets many of 300 calls opened
 * at once before it accepts them); { statuses, ms } as burst.fireBurst gives. No call is retried.
 */
async function fireCalls(port: number, hook: string, count: number) {
	const started = Date.now();
	const statuses: Record<string, number> = {};
	let next = 0;
	const worker = async () => {
		for (let n = next++; n < count; n = next++) {
			let status: string;
			try {
				const res = await fetch(`http://127.0.0.1:${port}/webhook/${hook}`, {
					method: 'POST',
					headers: { 'Content-Type': 'application/json' },
					body: JSON.stringify({ n, email: `burst.${n}@example.com` }),
					signal: AbortSignal.timeout(120_000),
				});
				await res.arrayBuffer();
				status = String(res.status);
			} catch {
				status = 'error';
			}
			statuses[status] = (statuses[status] ?? 0) + 1;
		}
	};
	await Promise.all(Array.from({ length: CALLS_AT_ONCE }, worker));
	return { statuses, ms: Date.now() - started };
}

const CALLS_AT_ONCE = 25;

const pct = (sorted: number[], p: number) =>
	sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

/** One row on a fresh n8n of `major`; returns its Markdown table row. */
export async function shapeRow(
	sandbox: LimitSandbox,
	tarball: string,
	major: 1 | 2,
	row: string,
): Promise<string> {
	const { N8n, installPackage } = n8nLib();
	const burst = burstLib();
	const base = Number(process.env.BENCH_SHAPES_PORT_BASE ?? 7560);
	const port = base + major;
	const n8n = new N8n(major, { port, brokerPort: base + 10 + major * 10 });
	const load = os.loadavg()[0];
	const mixed = row === 'mixed';
	const singles = mixed ? SINGLES : Number(row.split(':')[1]);
	try {
		installPackage(n8n.userFolder, tarball);
		const { credentials, CREDENTIAL } = queueLib();
		await n8n.importCredentials(credentials(sandbox));
		const flows = [
			burst.burstWorkflow({ id: 'benchBurst1', path: 'bench-burst', credential: CREDENTIAL }),
		];
		if (mixed) flows.push(bulkWorkflow(CREDENTIAL));
		await n8n.importWorkflows(flows);
		for (const id of flows.map((f) => f.id))
			await n8n.cli(['update:workflow', `--id=${id}`, '--active=true']);
		await n8n.start();
		// Under load n8n may drop the first call after it says it is ready.
		for (let tries = 1; ; tries++) {
			const failed = await n8n.setupOwner().then(
				() => undefined,
				(error: unknown) => error,
			);
			if (failed === undefined) break;
			if (tries >= 5) throw new Error(`n8n's owner setup failed 5 times: ${String(failed)}`);
			await sleep(5_000);
		}
		await burst.waitForWebhook(port, 'bench-burst');
		await sandboxCall(sandbox, 'reset', {});
		await sandboxCall(sandbox, 'rate-limit', mixed ? LIMIT : SLIDING_COUNTING_REFUSED);
		let bulkAt = 0;
		if (mixed) {
			await burst.waitForWebhook(port, 'bench-bulk');
			bulkAt = Date.now();
			await fetch(`http://127.0.0.1:${port}/webhook/bench-bulk`, { method: 'POST', body: '{}' });
			await sleep(BULK.afterMs);
		}
		// BENCH_FIRE_AT_SECOND: fire at that second of the minute (the stand-in's clock is this
		// machine's), to try the seconds where the line cannot tell a clock-aligned window apart.
		const fireAt = process.env.BENCH_FIRE_AT_SECOND;
		if (fireAt !== undefined)
			await sleep((Number(fireAt) * 1000 - (Date.now() % 60_000) + 60_000) % 60_000);
		const calledAt = Date.now();
		const fired = await fireCalls(port, 'bench-burst', singles);
		// A call n8n did not accept starts no execution: wait for those it accepted.
		const accepted = fired.statuses[200] ?? 0;
		console.error(
			`  ${row}: calls answered ${JSON.stringify(fired.statuses)} in ${secs(fired.ms)}`,
		);
		const done = await burst.waitForExecutions(n8n, 'benchBurst1', accepted, {
			timeoutMs: WAIT_MS,
		});
		let bulkDone = 0;
		if (mixed)
			bulkDone = (await burst.waitForExecutions(n8n, 'benchBulk1', 1, { timeoutMs: WAIT_MS })).at;
		const total = mixed ? SINGLES + BULK.events : singles;
		const seen = await seenBy(sandbox, total, 'events');
		const requests = mixed ? SINGLES + BULK.events / BULK.batchSize : singles;
		// A sliding window's floor: one window after another from the first request.
		const floor = mixed
			? limitFloor(requests, seen.firstAt, LIMIT)
			: (Math.ceil(requests / LIMIT.limit) - 1) * LIMIT.windowMs;
		const end = Math.max(done.at, bulkDone);
		const time = end - seen.firstAt;
		// Each single's event at the stand-in, from the moment its call was fired.
		const { at } = (await sandboxCall(sandbox, `arrivals?n=${singles}`)) as { at: number[] };
		const times = at.map((t) => t - calledAt).sort((a, b) => a - b);
		const waits = `p50 ${secs(pct(times, 50))}, p95 ${secs(pct(times, 95))}, max ${secs(times[times.length - 1])}`;
		const cells = [
			`${MAJOR_VERSIONS(major)}, ${new Date().toISOString().slice(0, 10)}`,
			mixed
				? `bulk 25,000 events (250 requests) + 10 s later ${SINGLES} singles (calls ${CALLS_AT_ONCE} at a time); clock-aligned 100/min`
				: `${singles} singles (calls ${CALLS_AT_ONCE} at a time); sliding 60 s, 100, refused counted; first request at second ${((seen.firstAt % 60_000) / 1000).toFixed(1)} of the minute`,
			`${JSON.stringify(fired.statuses)}`,
			seen.requests,
			secs(time),
			secs(floor),
			`**${(time / floor).toFixed(2)}**`,
			done.failed,
			seen.refused,
			seen.refusedPerWindow.join(', '),
			`${seen.once} of ${total}`,
			seen.missing,
			seen.duplicated,
			`singles' events at the stand-in, from their call: ${waits}${mixed ? `; bulk done ${secs(bulkDone - bulkAt)} after its call` : ''}`,
			`${load.toFixed(1)} → ${os.loadavg()[0].toFixed(1)}`,
		];
		return `| ${cells.join(' | ')} |`;
	} finally {
		await n8n.stop();
		n8n.cleanup();
	}
}

export const SHAPE_HEADER = [
	"| n8n | job | webhook calls answered | requests | time | limit's floor | time / floor | failed executions | 429s | 429s per clock window | delivered once | lost | duplicated | singles' finish | load (1 min, 2 cores) |",
	'|---|---|---|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---|---|',
];

async function main() {
	const flag = (name: string) =>
		process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
	const major = Number(flag('major') ?? 1) as 1 | 2;
	const rows = (flag('rows') ?? 'sliding:300,mixed').split(',');
	n8nLib().ensureN8n(major);
	const child: ChildProcess = fork(path.join(ROOT, 'sandbox/cli.js'), [], {
		env: { ...process.env, BENTO_SANDBOX_PORT: '0' },
		stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
	});
	const info = await new Promise<LimitSandbox & { port: number }>((resolve) =>
		child.once('message', resolve as never),
	);
	const sandbox = { ...info, origin: `http://127.0.0.1:${info.port}` };
	const tarball = process.env.E2E_TARBALL ?? packForN8n();
	try {
		for (const row of rows) console.log(await shapeRow(sandbox, tarball, major, row));
	} finally {
		child.kill();
	}
}

if (require.main === module) void main();
