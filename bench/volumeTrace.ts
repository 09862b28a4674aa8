// What the volume rows (bench/limitVolume.ts) read from a run beyond counts: when each event
// became available to send (its webhook call answered), the limit's least time given that
// (the intake floor), and the stand-in's request log cut per clock window and per process that
// sent each request (queue mode: the worker that ran the event's execution).
import { writeFileSync } from '@n8n-nodes-bentonow/dev-host/fs';
import path from '@n8n-nodes-bentonow/dev-host/path';

import { type LimitSandbox, sandboxCall } from './limitStandIn';

/** One request at the stand-in: arrival (ms on its clock), status, the event's number. */
export type Logged = [at: number, status: number | string, record: number | null];

/** The stand-in's request log since its reset. */
export async function requestLog(sandbox: LimitSandbox): Promise<Logged[]> {
	return (await sandboxCall(sandbox, 'requests')).requests as unknown as Logged[];
}

/**
 * The least time (ms, from `firstAt`) the limit allows for the events Bento took when none may
 * go before it was available (`availableAt`, ms, one per event) nor before `firstAt`: a perfect
 * sender fills each clock window up to `limit` with what is available, in order. When all are
 * available at `firstAt` it is the plain floor (limitFloor): the start of the last window needed.
 */
export function intakeFloor(
	availableAt: number[],
	firstAt: number,
	limit: { limit: number; windowMs: number },
): number {
	const times = availableAt.map((t) => Math.max(t, firstAt)).sort((a, b) => a - b);
	let window = Math.floor(firstAt / limit.windowMs);
	let used = 0;
	let last = firstAt;
	for (const t of times) {
		const free = Math.max(window, Math.floor(t / limit.windowMs));
		if (free > window) {
			window = free;
			used = 0;
		}
		if (used === limit.limit) {
			window += 1;
			used = 0;
		}
		used += 1;
		last = Math.max(t, window * limit.windowMs);
	}
	return last - firstAt;
}

/** Per clock window: its start's time (s from the first request), requests, 429s by sender. */
export interface WindowRead {
	/** The window's start, ms on the stand-in's clock. */
	start: number;
	fromFirstS: number;
	accepted: Record<string, number>;
	refused: Record<string, number>;
	/** Each refused request: its sender and the second of the clock minute it arrived. */
	refusals: Array<[sender: string, second: number]>;
}

/** The log cut per clock window of `windowMs`, each request told by `senderOf(record)`. */
export function perWindowBySender(
	log: Logged[],
	windowMs: number,
	senderOf: (record: number | null) => string,
): WindowRead[] {
	const windows = new Map<number, WindowRead>();
	const firstAt = log.length ? Math.min(...log.map(([at]) => at)) : 0;
	for (const [at, status, record] of log) {
		const index = Math.floor(at / windowMs);
		let w = windows.get(index);
		if (!w) {
			const fromFirstS = Math.round((index * windowMs - firstAt) / 1000);
			w = { start: index * windowMs, fromFirstS, accepted: {}, refused: {}, refusals: [] };
			windows.set(index, w);
		}
		const sender = senderOf(record);
		if (status === 429) {
			w.refused[sender] = (w.refused[sender] ?? 0) + 1;
			w.refusals.push([sender, Math.round(((at % windowMs) / 1000) * 10) / 10]);
		} else if (typeof status === 'number' && status < 400)
			w.accepted[sender] = (w.accepted[sender] ?? 0) + 1;
	}
	return [...windows.values()].sort((a, b) => a.start - b.start);
}

/** One line per window: accepted and 429s by sender, and when in the minute each 429 came. */
export function describeWindows(windows: WindowRead[]): string[] {
	const by = (counts: Record<string, number>) =>
		Object.entries(counts)
			.sort(([a], [b]) => a.localeCompare(b))
			.map(([k, v]) => `${k} ${v}`)
			.join(', ') || '0';
	return windows.map(
		(w) =>
			`    window ${new Date(w.start).toISOString().slice(11, 16)} (starts ${w.fromFirstS} s from the first request): accepted ${by(w.accepted)}; 429s ${by(w.refused)}${w.refusals.length ? ` at ${w.refusals.map(([s, sec]) => `${s}@${sec}s`).join(' ')}` : ''}`,
	);
}

/** Writes a run's raw trace (JSON) as `name` in `folder` (BENCH_VOLUME_TRACE), when one is named. */
export function saveTrace(folder: string | undefined, name: string, trace: object) {
	if (folder) writeFileSync(path.join(folder, name), JSON.stringify(trace));
}

/** 429s per window, each with its senders' share when more than one process sent: `8 (3+5)`. */
export function refusedBySender(windows: WindowRead[], senders: string[]): string {
	return windows
		.map((w) => {
			const total = Object.values(w.refused).reduce((sum, k) => sum + k, 0);
			if (total === 0 || senders.length < 2) return String(total);
			return `${total} (${senders.map((s) => w.refused[s] ?? 0).join('+')})`;
		})
		.join(', ');
}

/**
 * The most 429s one process had in a window after the first window in which Bento refused
 * anything (where each process learns the limit, with up to LEARNING_IN_FLIGHT requests in
 * flight); undefined when there was no later window with requests.
 */
export function laterRefusedPerProcess(windows: WindowRead[]): number | undefined {
	const first = windows.findIndex((w) => Object.keys(w.refused).length > 0);
	if (first < 0) return 0;
	const later = windows.slice(first + 1);
	if (!later.length) return undefined;
	return Math.max(0, ...later.flatMap((w) => Object.values(w.refused)));
}
