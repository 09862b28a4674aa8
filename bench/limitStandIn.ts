// What the limit rows read from the stand-in: its rate limit, and what it saw of a run.
import type { IDataObject } from 'n8n-workflow';

import type { RequestWindow } from '../sandbox/rateLimit';
import type { Target } from './floor';

/** Bento's documented limit for /batch/* and /fetch/*, counted as Rails' Rack::Attack does. */
export const LIMIT = { limit: 100, windowMs: 60_000, shape: 'clock' };

export interface LimitSandbox extends Target {
	origin: string;
}

/** Which records the stand-in keeps for an operation (sandbox/delivery.js). */
export type RecordKind = 'events' | 'subscribers' | 'commands';

/** GET (no body) or POST a control endpoint of the stand-in (/__sandbox/...). */
export async function sandboxCall(sandbox: LimitSandbox, what: string, body?: unknown) {
	const res = await fetch(`${sandbox.origin}/__sandbox/${what}`, {
		method: body === undefined ? 'GET' : 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	return (await res.json()) as IDataObject;
}

/** A fresh stand-in (nothing received) with the clock limiter on. */
export async function resetWithLimit(sandbox: LimitSandbox) {
	await sandboxCall(sandbox, 'reset', {});
	await sandboxCall(sandbox, 'rate-limit', LIMIT);
}

export interface Seen {
	requests: number;
	refused: number;
	/** The most 429s in one clock window after the run's first window. */
	laterRefusedMax: number;
	/** 429s in each clock window that saw a request, oldest first. */
	refusedPerWindow: number[];
	/** Accepted requests in each of those windows. */
	acceptedPerWindow: number[];
	/** Records of 0..n-1 the stand-in kept exactly once. */
	once: number;
	missing: number;
	duplicated: number;
	/** Arrival of the first and the last request at the stand-in, ms on its clock. */
	firstAt: number;
	lastAt: number;
}

/** What the stand-in saw of a run of `n` records numbered 0..n-1. */
export async function seenBy(sandbox: LimitSandbox, n: number, kind: RecordKind): Promise<Seen> {
	const report = await sandboxCall(
		sandbox,
		`delivery?n=${n}&kind=${kind}&windowMs=${LIMIT.windowMs}`,
	);
	const windows = report.windows as unknown as RequestWindow[];
	return {
		requests: windows.reduce((sum, w) => sum + w.requests, 0),
		refused: windows.reduce((sum, w) => sum + w.refused, 0),
		laterRefusedMax: Math.max(0, ...windows.slice(1).map((w) => w.refused)),
		refusedPerWindow: windows.map((w) => w.refused),
		acceptedPerWindow: windows.map((w) => w.accepted),
		once: report.once as number,
		missing: report.missing as number,
		duplicated: report.duplicated as number,
		firstAt: windows[0]?.first ?? 0,
		lastAt: windows[windows.length - 1]?.last ?? 0,
	};
}

/**
 * The least time the limit allows for `requests` requests (ms) when the first one arrives at
 * `firstAt` (ms on the server's clock): windows fill one after another, so the last request can
 * go no sooner than the start of the ceil(requests / limit)-th window, counting the first one's.
 * E.g. 250 requests from second s of a minute: (60 - s) + 60 seconds. 0 when one window holds
 * them all.
 */
export function limitFloor(requests: number, firstAt: number, limit = LIMIT): number {
	const windows = Math.ceil(requests / limit.limit);
	if (windows <= 1) return 0;
	return (windows - 1) * limit.windowMs - (firstAt % limit.windowMs);
}
