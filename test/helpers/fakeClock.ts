import { systemClock } from '../../nodes/Bento/transport/clock';

/**
 * Replaces the transport's clock for the tests of a file: waits return at once and move the
 * clock on by what they would have waited, so a minute-long rate-limit wait takes no time.
 * `waits` lists every wait the node asked for (ms), in order.
 */
export function useFakeClock() {
	const state = {
		offsetMs: 0,
		waits: [] as number[],
		/** Waits this long or longer block until the execution is cancelled (to test cancelling). */
		holdWaitsFrom: Infinity,
		/** When set, the clock stands still but for waits: real time spent on requests counts 0. */
		frozenAt: undefined as number | undefined,
	};
	const realNow = Date.now;
	beforeEach(() => {
		state.offsetMs = 0;
		state.waits.length = 0;
		state.holdWaitsFrom = Infinity;
		state.frozenAt = undefined;
		jest
			.spyOn(systemClock, 'now')
			.mockImplementation(() => (state.frozenAt ?? realNow()) + state.offsetMs);
		jest.spyOn(systemClock, 'wait').mockImplementation(async (ms: number, signal?: AbortSignal) => {
			if (ms <= 0 || signal?.aborted) return;
			state.waits.push(ms);
			if (ms >= state.holdWaitsFrom && signal) {
				await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
				return;
			}
			state.offsetMs += ms;
		});
	});
	afterEach(() => jest.restoreAllMocks());
	return state;
}
