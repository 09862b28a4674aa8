import * as workflow from 'n8n-workflow';

/** Time as the transport sees it; tests pass their own to avoid real waiting. */
export interface Clock {
	now(): number;
	/** Resolves after `ms`, or early when `signal` aborts (a cancelled execution); callers check the signal. */
	wait(ms: number, signal?: AbortSignal): Promise<void>;
	random(): number;
}

// n8n-workflow's sleepWithAbort clears its timer when cancelled, so that a cancelled wait keeps
// no timer alive; older versions of n8n-workflow (the peer is any version) have only `sleep`.
const { sleep } = workflow;
const sleepWithAbort = (
	workflow as { sleepWithAbort?: (ms: number, signal?: AbortSignal) => Promise<void> }
).sleepWithAbort;

async function waitUnlessCancelled(ms: number, signal?: AbortSignal): Promise<void> {
	if (ms <= 0 || signal?.aborted) return;
	if (!signal) return await sleep(ms);
	// A signal of this wait's own: the execution's keeps no listener once the wait is over.
	const stop = new AbortController();
	const onAbort = () => stop.abort();
	signal.addEventListener('abort', onAbort, { once: true });
	const aborted = new Promise<void>((resolve) =>
		stop.signal.addEventListener('abort', () => resolve(), { once: true }),
	);
	try {
		const sleeping = sleepWithAbort ? sleepWithAbort(ms, stop.signal) : sleep(ms);
		await Promise.race([sleeping.catch(() => undefined), aborted]);
	} finally {
		signal.removeEventListener('abort', onAbort);
	}
}

export const systemClock: Clock = {
	now: () => Date.now(),
	wait: waitUnlessCancelled,
	random: () => Math.random(),
};

/**
 * Runs `work` once a request that has just been started is on the wire. n8n's helper takes
 * two turns of the event loop to get there (its own steps up to the socket, then the
 * connection and the write); work done sooner would delay the request instead of overlapping
 * Bento's handling of it.
 */
export async function onceRequestLeft<T>(work: () => T): Promise<T> {
	await sleep(0);
	await sleep(0);
	return work();
}
