import { createHash } from 'node:crypto';

import type { Clock } from './clock';
import { Gate } from './gate';
import type { RateLimitFamily } from './rateLimit';

// This process's gates, one per account and rate-limit family (see Gate): bounded, and idle
// accounts forgotten when a gate is next asked for (no timer).

/** A gate untouched this long, with nothing queued or in flight, is forgotten (ms). */
export const GATE_IDLE_FORGET_MS = 15 * 60_000;
/** Gates kept at most (accounts x limit families); the least recently used idle ones go first. */
export const MAX_GATES = 300;

const gates = new Map<string, Gate>();

/**
 * The account a credential names, as a key that holds no secret: a SHA-256 of the API root and
 * the site UUID (never the keys).
 */
export function accountKey(apiRoot: string, siteUuid: string): string {
	return createHash('sha256').update(`${apiRoot}\n${siteUuid.trim()}`).digest('hex');
}

/** Forgets gates idle for GATE_IDLE_FORGET_MS, then the least recently used while over MAX_GATES. */
function sweep(now: number): void {
	for (const [key, gate] of gates)
		if (gate.idle && now - gate.usedAt > GATE_IDLE_FORGET_MS) gates.delete(key);
	if (gates.size < MAX_GATES) return;
	const byUse = [...gates].sort(
		([, a], [, b]) => Number(b.idle) - Number(a.idle) || a.usedAt - b.usedAt,
	);
	for (const [key] of byUse.slice(0, gates.size - MAX_GATES + 1)) gates.delete(key);
}

/** This process's gate for `account` (see accountKey) and `family`. */
export function gateFor(account: string, family: RateLimitFamily, clock: Clock): Gate {
	const key = `${account}:${family.key}`;
	const now = clock.now();
	let gate = gates.get(key);
	if (!gate || (gate.idle && now - gate.usedAt > GATE_IDLE_FORGET_MS)) {
		sweep(now);
		gate = new Gate(family, clock);
		gates.set(key, gate);
	}
	return gate;
}

/** Test-only: forgets every gate (each test starts as a new process would). */
export function resetGatesForTests(): void {
	gates.clear();
}
