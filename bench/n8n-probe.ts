// Preloaded into a real n8n process by the benchmark (NODE_OPTIONS=--require <this file>). It
// wraps the Bento node's execute() when n8n loads the community package, and for the node
// named BENCH_PROBE_NODE it can: profile the CPU (only inside that node's run, so n8n's start-up,
// the Code nodes and printing stay out), sample the process's heap and RSS around it, and, when
// n8n prints the run data, write each node's executionTime to a small file instead of printing
// hundreds of MB (printing fails around 400,000 items). Node built-ins only (through dev/host): it
// runs inside n8n.
import { appendFileSync, writeFileSync } from '@n8n-nodes-bentonow/dev-host/fs';
import { Session } from '@n8n-nodes-bentonow/dev-host/inspector';
import Module from '@n8n-nodes-bentonow/dev-host/module';
import {
	process,
	setInterval,
	clearInterval,
	exposedGc,
} from '@n8n-nodes-bentonow/dev-host/runtime';

const out = process.env.BENCH_PROBE_OUT;
const target = process.env.BENCH_PROBE_NODE ?? 'Bento';
const profileFile = process.env.BENCH_PROBE_PROFILE;
const sampleMemory = process.env.BENCH_PROBE_MEMORY === '1';

type Execute = (this: { getNode(): { name: string } }, ...args: unknown[]) => Promise<unknown>;

function record(entry: object) {
	if (out) appendFileSync(out, `${JSON.stringify(entry)}\n`);
}

const monoUs = () => Number(process.hrtime.bigint() / 1000n);
let executeWindow: { startUs: number; endUs: number } | undefined;

// The profiler runs from start-up to the printing of the run data; the benchmark keeps the
// samples inside the node's window (n8n's startTime + executionTime), on the profiler's clock.
// The in-process inspector session answers synchronously.
let session: Session | undefined;
const anchor = { epochMs: Date.now(), monoUs: monoUs() };
if (profileFile) {
	session = new Session();
	session.connect();
	session.post('Profiler.enable');
	session.post('Profiler.setSamplingInterval', { interval: 250 });
	session.post('Profiler.start');
}

function stopProfile(window?: { startUs: number; endUs: number }) {
	if (!session || !profileFile) return;
	session.post('Profiler.stop', (error, result) => {
		if (error) return;
		writeFileSync(
			profileFile,
			JSON.stringify({ ...result.profile, benchWindow: window, benchExecute: executeWindow }),
		);
	});
	session.disconnect();
	session = undefined;
}

function wrapExecute(original: Execute): Execute {
	return async function (this: { getNode(): { name: string } }, ...args: unknown[]) {
		if (this.getNode().name !== target) return await original.apply(this, args);
		const gc = exposedGc();
		let sampler: NodeJS.Timeout | undefined;
		let before: NodeJS.MemoryUsage | undefined;
		let peakHeap = 0;
		let peakRss = 0;
		if (sampleMemory) {
			// Collect the earlier nodes' garbage first, so the growth is this node's own.
			gc?.();
			before = process.memoryUsage();
			peakHeap = before.heapUsed;
			peakRss = before.rss;
			sampler = setInterval(() => {
				const now = process.memoryUsage();
				peakHeap = Math.max(peakHeap, now.heapUsed);
				peakRss = Math.max(peakRss, now.rss);
			}, 2);
		}
		const started = performance.now();
		const startUs = monoUs();
		const cpuBefore = process.cpuUsage();
		try {
			return await original.apply(this, args);
		} finally {
			const ms = performance.now() - started;
			const cpu = process.cpuUsage(cpuBefore);
			// CPU time of the whole n8n process (all threads) during execute(): unlike wall time, it
			// does not grow while the process waits for the stand-in or for a busy machine.
			const entry: Record<string, unknown> = {
				kind: 'execute',
				node: target,
				ms,
				cpuMs: (cpu.user + cpu.system) / 1000,
			};
			executeWindow = { startUs, endUs: monoUs() };
			JSON.stringify = printRunData;
			if (sampler && before) {
				clearInterval(sampler);
				const after = process.memoryUsage();
				entry.heapGrowth = Math.max(peakHeap, after.heapUsed) - before.heapUsed;
				entry.rssGrowth = Math.max(peakRss, after.rss) - before.rss;
				entry.heapAtEnd = after.heapUsed - before.heapUsed;
			}
			record(entry);
		}
	};
}

// Wrap the node class when n8n requires the package's compiled node file.
const moduleInternals = Module as unknown as {
	_load: (request: string, parent: unknown, isMain: boolean) => unknown;
	_resolveFilename: (request: string, parent: unknown, isMain: boolean) => string;
};
const load = moduleInternals._load;
moduleInternals._load = function (request: string, parent: unknown, isMain: boolean) {
	const exported = load.call(this, request, parent, isMain) as Record<string, unknown>;
	if (request.endsWith('Bento.node.js') || request.endsWith('Bento.node')) {
		const filename = moduleInternals._resolveFilename(request, parent, isMain);
		const cls = exported?.Bento as { prototype: { execute: Execute; __probed?: boolean } };
		if (filename.includes('n8n-nodes-bentonow') && cls && !cls.prototype.__probed) {
			cls.prototype.execute = wrapExecute(cls.prototype.execute);
			cls.prototype.__probed = true;
			record({ kind: 'loaded', filename });
		}
	}
	return exported;
};

// `n8n execute --rawOutput` prints the run data with JSON.stringify(run, null, 2): keep the
// timings and item counts, print a stub instead of the items.
// Installed once the measured node has run, so that the node's own JSON.stringify calls (the
// request bodies) stay native and show as such in a profile.
const stringify = JSON.stringify;
const printRunData = function (value: unknown, replacer?: never, space?: string | number) {
	const runData = (value as { data?: { resultData?: { runData?: unknown } } } | null)?.data
		?.resultData?.runData as
		| Record<string, Array<{ executionTime: number; data?: { main?: unknown[][] } }>>
		| undefined;
	if (out && space === 2 && runData && typeof runData === 'object') {
		const nodes: Record<string, Array<{ executionTime: number; items: number[] }>> = {};
		for (const [name, tasks] of Object.entries(runData))
			nodes[name] = tasks.map((task) => ({
				executionTime: task.executionTime,
				items: (task.data?.main ?? []).map((output) => output?.length ?? 0),
			}));
		const error = (value as { data: { resultData: { error?: { message?: string } } } }).data
			.resultData.error;
		record({ kind: 'run', nodes, error: error?.message });
		const task = (runData[target] as Array<{ startTime?: number; executionTime: number }>)?.[0];
		const startUs = task?.startTime
			? anchor.monoUs + (task.startTime - anchor.epochMs) * 1000
			: undefined;
		stopProfile(
			startUs === undefined
				? undefined
				: { startUs, endUs: startUs + (task?.executionTime ?? 0) * 1000 },
		);
		return stringify({ benchProbe: 'run data written to BENCH_PROBE_OUT' }, null, 2);
	}
	return stringify(value, replacer, space);
} as typeof JSON.stringify;
