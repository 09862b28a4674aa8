// Self time from a V8 .cpuprofile (as written by bench/n8n-probe.ts or `node --cpu-prof`), by
// function and by module, so the benchmark can say where the node's time goes inside n8n.
import { readFileSync } from '@n8n-nodes-bentonow/dev-host/fs';

interface CallFrame {
	functionName: string;
	url: string;
	lineNumber: number;
}
interface ProfileNode {
	id: number;
	callFrame: CallFrame;
}
interface CpuProfile {
	nodes: ProfileNode[];
	samples: number[];
	timeDeltas: number[];
	startTime: number;
	endTime: number;
	/** Added by bench/n8n-probe.ts: the node's window in n8n, and its execute() call. */
	benchWindow?: { startUs: number; endUs: number };
	benchExecute?: { startUs: number; endUs: number };
}

export interface SelfTime {
	name: string;
	ms: number;
	share: number;
}

/** Which package or part of Node a script belongs to. */
export function moduleOf(url: string, functionName: string): string {
	if (!url) return functionName.startsWith('(') ? functionName : `(native) ${functionName}`;
	const parts = url.split('/node_modules/');
	if (parts.length > 1) {
		const rest = parts[parts.length - 1].split('/');
		const pkg = rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
		// By the package a file is in: n8n's own files sit under the benchmark's install cache,
		// ~/.cache/n8n-nodes-bentonow-e2e/, whose name holds this package's.
		if (pkg === 'n8n-nodes-bentonow') return 'n8n-nodes-bentonow (this package)';
		// n8n-core and n8n's own CLI, split by their area so "n8n-core" is not one opaque line.
		if (pkg === 'n8n-core' || pkg === 'n8n' || pkg === 'n8n-workflow') {
			const file = rest.slice(rest[0].startsWith('@') ? 2 : 1);
			const area = file.slice(1, -1).join('/');
			return `${pkg} ${area}`.trim();
		}
		return pkg;
	}
	if (url.startsWith('node:')) {
		const name = url.slice(5);
		return `node:${name.startsWith('internal/') ? name.split('/').slice(0, 2).join('/') : name}`;
	}
	return url;
}

/**
 * Self time by function and module. `window` 'node' keeps the samples inside n8n's own window
 * for the node (startTime to startTime + executionTime), 'execute' those inside its execute().
 */
export function summarizeProfile(file: string, top = 12, window: 'node' | 'execute' = 'node') {
	const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
	const span = window === 'node' ? profile.benchWindow : profile.benchExecute;
	const byId = new Map(profile.nodes.map((n) => [n.id, n]));
	const fnTime = new Map<string, number>();
	const modTime = new Map<string, number>();
	let total = 0;
	let at = profile.startTime;
	for (let i = 0; i < profile.samples.length; i++) {
		// timeDeltas[i] is the time before sample i; the sample's own span is the next delta.
		at += profile.timeDeltas[i];
		const us = profile.timeDeltas[i + 1] ?? 0;
		if (span && (at < span.startUs || at > span.endUs)) continue;
		const node = byId.get(profile.samples[i]);
		if (!node) continue;
		const { functionName, url, lineNumber } = node.callFrame;
		const file = url ? url.split('/').slice(-1)[0] : '';
		const fn = `${functionName || '(anonymous)'}${file ? ` ${file}:${lineNumber + 1}` : ''}`;
		const mod = moduleOf(url, functionName);
		fnTime.set(fn, (fnTime.get(fn) ?? 0) + us);
		modTime.set(mod, (modTime.get(mod) ?? 0) + us);
		total += us;
	}
	const rank = (map: Map<string, number>): SelfTime[] =>
		[...map.entries()]
			.sort((a, b) => b[1] - a[1])
			.slice(0, top)
			.map(([name, us]) => ({ name, ms: us / 1000, share: us / total }));
	return { totalMs: total / 1000, functions: rank(fnTime), modules: rank(modTime) };
}
