import { systemClock } from '../../nodes/Bento/transport/clock';
import { useFakeClock } from '../helpers/fakeClock';
import { runAgainst, useSandbox } from '../helpers/sandbox';

// Over real HTTP: the stand-in's limiter and its Date header read the same faked clock as the
// node's transport, so its minute-long windows pass without real waiting.
const clock = useFakeClock();
const sandbox = useSandbox({ now: () => systemClock.now() });

const MINUTE = 60_000;

const events = (n: number) =>
	Array.from({ length: n }, (_, id) => ({
		type: 'signup',
		email: `user${id}@example.com`,
		details: { unique: { key: `event-${id}` } },
	}));

function startAt(secondOfMinute: number) {
	const now = Date.now() + clock.offsetMs;
	clock.offsetMs += Math.ceil(now / MINUTE) * MINUTE + secondOfMinute * 1000 - now;
}

beforeEach(() => {
	const s = sandbox();
	s.state.requests.length = 0;
	s.state.events.length = 0;
	s.setFaults([]);
});

it.each([
	['clock', 'one 429 per window'],
	['sliding', 'at most one 429 per window once it learned the window'],
] as Array<[shape: 'clock' | 'sliding', outcome: string]>)(
	'a %s limit of 20 a minute, 70 batches, default options: everything once, %s',
	async (shape) => {
		const s = sandbox();
		s.setRateLimit({ shape, limit: 20, windowMs: MINUTE });
		startAt(12);
		const result = await runAgainst(s, {
			parameters: {
				resource: 'event',
				operation: 'create',
				mappingMode: 'autoMapInputData',
				options: { batchSize: 10 },
			},
			items: events(700),
		});
		expect(result.error).toBeUndefined();
		expect(s.delivery(700)).toMatchObject({ missing: 0, duplicated: 0 });
		const windows = s.perWindow(MINUTE);
		// 70 accepted requests: at least four windows of 20 (or three and part of a fourth).
		expect(windows.length).toBeGreaterThanOrEqual(4);
		// Clock: the refusal that marks each window's end. Sliding: after learning, at most the one
		// request a window that tries whether Bento allows one more.
		const refused = windows.map((w) => w.refused);
		expect(Math.max(...refused.slice(1))).toBeLessThanOrEqual(1);
	},
);
