import nock from 'nock';

import { LEARNING_IN_FLIGHT } from '../../nodes/Bento/transport/limitState';
import { mockStandInAccount } from '../helpers/fakeLimiter';
import { runBentoNode, TEST_CREDENTIALS, type RunResult } from '../helpers/runNode';
import { useVirtualClock } from '../helpers/virtualClock';

// Many executions on one account in one n8n process, as a burst of webhook-triggered
// executions runs them: each a real n8n-core run, all at once, in virtual time (a wait is a
// timer; time moves only when every execution waits), against the stand-in's limiter.
const MINUTE = 60_000;
// Second 20 of a minute (virtual): the first window has 40 s left.
const START = Date.UTC(2026, 11, 3, 10, 0, 20);
const clock = useVirtualClock(START);

jest.setTimeout(180_000);
afterEach(() => nock.cleanAll());

const createEvents = (options: Record<string, unknown> = {}) => ({
	resource: 'event',
	operation: 'create',
	mappingMode: 'autoMapInputData',
	options: { batchSize: 100, ...options },
});

const event = (id: number) => ({ type: 'order', email: `buyer${id}@example.com`, details: { id } });

interface Finished extends RunResult {
	at: number;
}

/** Starts one single-event execution per id, all at once; each resolves with when it finished. */
function burst(ids: number[], options: Record<string, unknown> = {}, siteUuid?: string) {
	return ids.map((id) =>
		runBentoNode({
			parameters: createEvents(options),
			items: [event(id)],
			...(siteUuid ? { credentials: { siteUuid } } : {}),
		}).then((result): Finished => ({ ...result, at: clock.state.now })),
	);
}

const range = (from: number, n: number) => Array.from({ length: n }, (_, i) => from + i);

describe('1,000 single-event executions at once on one account (100 a minute, clock-aligned, refused requests counted, no Retry-After)', () => {
	it('all delivered exactly once, none failed, at most 2 refusals a window after the first, within 1.1x the floor', async () => {
		const bento = mockStandInAccount(TEST_CREDENTIALS.siteUuid, {
			shape: 'clock',
			limit: 100,
			windowMs: MINUTE,
		});
		const runs = await clock.run(Promise.all(burst(range(0, 1_000))));

		expect(runs.filter((r) => r.error !== undefined)).toHaveLength(0);
		expect(bento.lostAndDuplicated(range(0, 1_000))).toEqual([0, 0]);
		const windows = bento.windows(MINUTE);
		expect(windows.map((w) => w.accepted)).toEqual(Array(10).fill(100));
		// The first window: the requests in flight when it filled (the budget was not known yet).
		expect(windows[0].refused).toBeLessThanOrEqual(LEARNING_IN_FLIGHT);
		for (const w of windows.slice(1)) expect(w.refused).toBeLessThanOrEqual(2);
		// The floor: the 1,000th request can be accepted at the start of the tenth window.
		const floor = windows[9].start - START;
		const took = Math.max(...runs.map((r) => r.at)) - START;
		expect(took).toBeGreaterThanOrEqual(floor);
		expect(took).toBeLessThanOrEqual(1.1 * floor);
	});
});
