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
	createdAt: number;
	outcomes: Map<string, RecordedOutcome>;
}

// Bounds: n8n re-runs a node (Retry On Fail) within seconds or minutes of the first run, in
// the same process. Older runs, and runs beyond these counts, are forgotten: their absence only
// means a re-run sends again, as it did before this record existed.
const MAX_RUNS = 200;
const MAX_AGE_MS = 6 * 60 * 60_000;
const MAX_OUTCOMES_PER_RUN = 200_000;

// Process-local, keyed by execution: n8n's Retry On Fail runs the node again in the same
// process, with the same execution id, node and run index. Nothing here is needed for
// correctness elsewhere (another process has its own, empty record).
const runs = new Map<string, RunRecord>();

function forget(now: number): void {
	for (const [key, run] of runs) {
		if (runs.size <= MAX_RUNS && now - run.createdAt <= MAX_AGE_MS) break;
		runs.delete(key);
	}
}

/**
 * The writes one run of a node sent, so that n8n running the node again in the same execution
 * (Retry On Fail: after it threw, or when its first output item carries `error`) reuses what
 * Bento answered, or the "may have been sent" report, instead of sending the same write again.
 *
 * A write is known by a SHA-256 of its method, endpoint, query and body, and by how many
 * identical writes came before it in the run: two identical events sent on purpose in one run
 * are two writes, and a re-run sends neither again.
 */
export class RerunRecord {
	private readonly seen = new Map<string, number>();

	private constructor(
		private readonly run: RunRecord | undefined,
		/** Whether an earlier try of this run left outcomes to look up (n8n re-ran the node). */
		readonly isRerun = false,
	) {}

	/**
	 * The record of one run of a node: `executionId`, node name and run index. Without an
	 * execution id (a context that has none) nothing is recorded.
	 */
	static forRun(executionId: string | undefined, node: string, runIndex: number, now: number) {
		if (!executionId) return new RerunRecord(undefined);
		forget(now);
		const key = JSON.stringify([executionId, node, runIndex]);
		let run = runs.get(key);
		if (!run) {
			run = { createdAt: now, outcomes: new Map() };
			runs.set(key, run);
		}
		return new RerunRecord(run, run.outcomes.size > 0);
	}

	/** The key of the next write of this run with these parts (counts identical ones). */
	keyOf(method: string, endpoint: string, qs: IDataObject | undefined, body: unknown): string {
		const hash = createHash('sha256').update(`${method} ${endpoint} ${JSON.stringify(qs ?? {})}\n`);
		if (Buffer.isBuffer(body)) hash.update(body);
		else if (body !== undefined) hash.update(JSON.stringify(body));
		const digest = hash.digest('base64');
		const occurrence = this.seen.get(digest) ?? 0;
		this.seen.set(digest, occurrence + 1);
		return `${digest}#${occurrence}`;
	}

	/** What an earlier run of this node did with the write `key`, if it did anything. */
	outcome(key: string): RecordedOutcome | undefined {
		return this.run?.outcomes.get(key);
	}

	save(key: string, outcome: RecordedOutcome): void {
		if (!this.run || this.run.outcomes.size >= MAX_OUTCOMES_PER_RUN) return;
		this.run.outcomes.set(key, outcome);
	}
}
