import { setTimeout, setImmediate } from '@n8n-nodes-bentonow/dev-host/runtime';

import { systemClock } from '../../nodes/Bento/transport/clock';

interface Timer {
	at: number;
	order: number;
	resolve: () => void;
}

/**
 * Virtual time for many executions at once (useFakeClock moves time per wait, which only works
 * for one execution at a time): the transport's clock reads `state.now`; a wait becomes a timer,
 * and time jumps to the next timer only once everything else has settled (no clock call for a
 * few turns of the event loop: HTTP through nock and n8n-core's steps run in real time, taking
 * no virtual time). `random` is seeded, so a run is repeatable.
 */
export function useVirtualClock(startAt: number) {
	const state = { now: startAt, activity: 0, waits: [] as number[] };
	let timers: Timer[] = [];
	let order = 0;
	let seed = 42;
	beforeEach(() => {
		state.now = startAt;
		state.waits.length = 0;
		timers = [];
		seed = 42;
		jest.spyOn(systemClock, 'now').mockImplementation(() => {
			state.activity++;
			return state.now;
		});
		jest.spyOn(systemClock, 'random').mockImplementation(() => {
			seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
			return seed / 2_147_483_648;
		});
		jest.spyOn(systemClock, 'wait').mockImplementation((ms: number, signal?: AbortSignal) => {
			state.activity++;
			if (ms <= 0 || signal?.aborted) return Promise.resolve();
			state.waits.push(ms);
			return new Promise<void>((resolve) => {
				const timer = { at: state.now + ms, order: order++, resolve };
				timers.push(timer);
				signal?.addEventListener(
					'abort',
					() => {
						timers = timers.filter((t) => t !== timer);
						resolve();
					},
					{ once: true },
				);
			});
		});
	});
	afterEach(() => jest.restoreAllMocks());

	const turn = () => new Promise((resolve) => setImmediate(resolve));
	const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

	/** Waits until the event loop has been quiet (no clock call) for a few turns. */
	async function settle(): Promise<void> {
		for (let quiet = 0; quiet < 4; ) {
			const before = state.activity;
			await turn();
			await tick();
			quiet = state.activity === before ? quiet + 1 : 0;
		}
	}

	/**
	 * Runs `work` to its end, moving virtual time from timer to timer whenever nothing else is
	 * going on. `onAdvance` sees each new time before its timers fire (e.g. to cancel a run).
	 */
	async function run<T>(work: Promise<T>, onAdvance?: (now: number) => void): Promise<T> {
		let done = false;
		const result = work.finally(() => (done = true));
		for (;;) {
			await settle();
			if (done) return await result;
			if (timers.length === 0) {
				await tick();
				continue;
			}
			const next = Math.min(...timers.map((t) => t.at));
			state.now = Math.max(state.now, next);
			onAdvance?.(state.now);
			const due = timers.filter((t) => t.at <= state.now).sort((a, b) => a.order - b.order);
			timers = timers.filter((t) => t.at > state.now);
			for (const timer of due) timer.resolve();
		}
	}

	return { state, run, pendingTimers: () => timers.length };
}
