import { sleep } from 'n8n-workflow';

/** Time as the transport sees it; tests pass their own to avoid real waiting. */
export interface Clock {
	now(): number;
	/** Resolves after `ms`, or early when `signal` aborts (a cancelled execution); callers check the signal. */
	wait(ms: number, signal?: AbortSignal): Promise<void>;
	random(): number;
}

async function waitUnlessCancelled(ms: number, signal?: AbortSignal): Promise<void> {
	if (ms <= 0 || signal?.aborted) return;
	if (!signal) return await sleep(ms);
	let onAbort = () => {};
	const aborted = new Promise<void>((resolve) => {
		onAbort = resolve;
		signal.addEventListener('abort', onAbort, { once: true });
	});
	try {
		await Promise.race([sleep(ms), aborted]);
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
export async function onceRequestLeft(work: () => void): Promise<void> {
	await sleep(0);
	await sleep(0);
	work();
}
