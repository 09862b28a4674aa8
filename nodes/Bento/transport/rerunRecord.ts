import { createHash } from 'node:crypto';

import type { IDataObject } from 'n8n-workflow';

/**
 * What became of one write the last time this node ran in this execution: Bento's answer, or a
 * failure after which it may have reached Bento (its report, as first given).
 */
export type RecordedOutcome =
	| {
			kind: 'answered';
			status: number;
			body: IDataObject;
			attempts: number;
			maybeSentBefore: boolean;
	  }
	| { kind: 'maybeSent'; message: string; description: string; httpCode: string };

interface RunRecord {
	usedAt: number;
	outcomes: Map<string, RecordedOutcome>;
}

// Bounds. n8n re-runs a node (Retry On Fail) at most 5 s after a try ended, in the same process;
// a record unused for an hour, or beyond these counts (least recently used first), is forgotten:
// its absence only means a re-run sends again, as it did before this record existed.
export const MAX_IDLE_MS = 60 * 60_000;
export const MAX_RUNS = 1_000;
export const MAX_OUTCOMES = 500_000;

// Process-local, keyed by execution: n8n's Retry On Fail runs the node again in the same
// process, with the same execution id, node and run index. Nothing here is needed for
// correctness elsewhere (another process has its own, empty record).
const runs = new Map<string, RunRecord>();
let outcomeCount = 0;

function drop(key: string): void {
	const run = runs.get(key);
	if (!run) return;
	outcomeCount -= run.outcomes.size;
	runs.delete(key);
}

/** Forgets idle runs, then the least recently used ones while over the bounds. */
function evict(now: number): void {
	for (const [key, run] of runs) if (now - run.usedAt > MAX_IDLE_MS) drop(key);
	for (const [key] of runs) {
		if (runs.size <= MAX_RUNS && outcomeCount <= MAX_OUTCOMES) break;
		drop(key);
	}
}

/**
 * Input item indexes, runs of three or more as ranges, e.g. `0-999` or `0,1,3-5`: a batch's key
 * stays short (it is kept with its outcome) and is made in a few steps, not one per item.
 */
function itemRuns(items: number[]): string {
	const parts: string[] = [];
	for (let i = 0; i < items.length; ) {
		let j = i;
		while (j + 1 < items.length && items[j + 1] === items[j] + 1) j++;
		if (j - i >= 2) parts.push(`${items[i]}-${items[j]}`);
		else for (let k = i; k <= j; k++) parts.push(String(items[k]));
		i = j + 1;
	}
	return parts.join(',');
}

/** The item indexes `itemRuns` wrote: `0-2,5` is [0, 1, 2, 5]. */
function parseItemRuns(text: string): number[] {
	const items: number[] = [];
	for (const part of text.split(',')) {
		const [from, to = from] = part.split('-').map(Number);
		for (let item = from; item <= to; item++) items.push(item);
	}
	return items;
}

/**
 * The writes one run of a node sent, so that n8n running the node again in the same execution
 * (Retry On Fail: after it threw, or when its first output item carries `error`) reuses what
 * Bento answered, or the "may have been sent" report, instead of sending the same write again.
 *
 * A write is known by its method, endpoint and the input items it carries (n8n re-runs a node
 * with the same items; their expressions may give other values, e.g. `$now`, and the write is
 * still the same one), and by how many writes with that key came before it in the run. Without
 * items, a SHA-256 of its query and body stands in for them.
 */
export class RerunRecord {
	private readonly seen = new Map<string, number>();

	private constructor(
		private readonly key: string | undefined,
		private readonly run: RunRecord | undefined,
		/** Whether an earlier try of this run left outcomes to look up (n8n re-ran the node). */
		readonly isRerun = false,
	) {}

	/**
	 * The record of one run of a node: `executionId`, node name and run index. Without an
	 * execution id (a context that has none) nothing is recorded.
	 */
	static forRun(executionId: string | undefined, node: string, runIndex: number, now: number) {
		if (!executionId) return new RerunRecord(undefined, undefined);
		evict(now);
		const key = JSON.stringify([executionId, node, runIndex]);
		const run = runs.get(key) ?? { usedAt: now, outcomes: new Map() };
		// Most recently used last: eviction starts from the front.
		runs.delete(key);
		runs.set(key, run);
		run.usedAt = now;
		return new RerunRecord(key, run, run.outcomes.size > 0);
	}

	/** The key of the next write of this run to `endpoint` for these input items (or this body). */
	keyOf(
		method: string,
		endpoint: string,
		items: number[] | undefined,
		qs: IDataObject | undefined,
		body: unknown,
	): string {
		let what: string;
		if (items) {
			what = `items ${itemRuns(items)}`;
		} else {
			const hash = createHash('sha256').update(`${JSON.stringify(qs ?? {})}\n`);
			if (Buffer.isBuffer(body)) hash.update(body);
			else if (body !== undefined) hash.update(JSON.stringify(body));
			what = hash.digest('base64');
		}
		const key = `${method} ${endpoint} ${what}`;
		const occurrence = this.seen.get(key) ?? 0;
		this.seen.set(key, occurrence + 1);
		return `${key} #${occurrence}`;
	}

	/**
	 * The input items of each write with items to `endpoint` that earlier tries of this run sent,
	 * in the order first sent (`[[0, 1, ..., 665], [666, ...]]`). A batch writer cuts its batches
	 * the same way first, so that a write its earlier try sent is known again even when its
	 * records changed size (the 1 MB bound would cut elsewhere).
	 */
	earlierItems(method: string, endpoint: string): number[][] {
		const prefix = `${method} ${endpoint} items `;
		const writes: number[][] = [];
		for (const key of this.run?.outcomes.keys() ?? []) {
			if (!key.startsWith(prefix)) continue;
			writes.push(parseItemRuns(key.slice(prefix.length, key.lastIndexOf(' #'))));
		}
		return writes;
	}

	/**
	 * Whether an earlier try of this run kept an outcome for the first write `method endpoint`
	 * with these input items (its key `#0`). Takes no key: the next `keyOf` is unchanged.
	 */
	wroteBefore(method: string, endpoint: string, items: number[]): boolean {
		return this.run?.outcomes.has(`${method} ${endpoint} items ${itemRuns(items)} #0`) ?? false;
	}

	/** Whether writes are recorded (a context with an execution id): else keys are not needed. */
	get active(): boolean {
		return this.run !== undefined;
	}

	/** What an earlier run of this node did with the write `key`, if it did anything. */
	outcome(key: string): RecordedOutcome | undefined {
		return this.run?.outcomes.get(key);
	}

	/** Keeps what became of the write `key` (at local time `now`, ms) for a later try. */
	save(key: string, outcome: RecordedOutcome, now: number): void {
		if (!this.run) return;
		if (!this.run.outcomes.has(key)) outcomeCount++;
		this.run.outcomes.set(key, outcome);
		this.run.usedAt = now;
	}

	/** The run ended in a way n8n does not retry (its first item is no error): nothing to keep. */
	release(): void {
		if (this.key !== undefined && runs.get(this.key) === this.run) drop(this.key);
	}
}
