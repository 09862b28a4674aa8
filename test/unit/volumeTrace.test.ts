// What the benchmark's volume rows read from a run (bench/volumeTrace.ts): the limit's floor
// when events become available over time, the 429s per window and per sending process, and the
// stand-in's request log that both come from.
import { limitFloor } from '../../bench/limitStandIn';
import {
	intakeFloor,
	laterRefusedPerProcess,
	type Logged,
	perWindowBySender,
	refusedBySender,
} from '../../bench/volumeTrace';
import { useSandbox } from '../helpers/sandbox';

const LIMIT = { limit: 1000, windowMs: 60_000, shape: 'clock' };
const MINUTE = 60_000;

describe('intakeFloor', () => {
	test.each([
		[5000, 27_880],
		[5000, 54_200],
		[2500, 0],
		[1000, 30_000],
		[1001, 59_999],
	])(
		'%i events all there at the first request (at %i ms): the plain floor (limitFloor)',
		(count, firstAt) => {
			const at = Array.from({ length: count }, () => firstAt);
			expect(intakeFloor(at, firstAt, LIMIT)).toBe(limitFloor(count, firstAt, LIMIT));
		},
	);

	test('events there before the first request count from it', () => {
		const at = Array.from({ length: 2500 }, (_, i) => 40_000 + i);
		expect(intakeFloor(at, 50_000, LIMIT)).toBe(limitFloor(2500, 50_000, LIMIT));
	});

	test('events arriving slower than the limit: the last one arrives, later than the plain floor', () => {
		// 1,300 events at 10 a second from second 54: no window fills.
		const at = Array.from({ length: 1300 }, (_, i) => 54_000 + i * 100);
		expect(intakeFloor(at, 54_000, LIMIT)).toBe(129_900);
		expect(limitFloor(1300, 54_000, LIMIT)).toBe(6_000);
	});

	test('a slow first window, then a fast intake: one window more than the plain floor', () => {
		// 100 events in the first window's last 6 s, then 2,900 at once: 100 + 1,000 + 1,000 + 900.
		const at = [
			...Array.from({ length: 100 }, (_, i) => 54_000 + i * 60),
			...Array.from({ length: 2900 }, () => 61_000),
		];
		expect(intakeFloor(at, 54_000, LIMIT)).toBe(3 * MINUTE - 54_000);
		expect(limitFloor(3000, 54_000, LIMIT)).toBe(2 * MINUTE - 54_000);
	});
});

describe('429s per window and per process', () => {
	// Window 0: nothing refused; window 1: the learning window (3 + 5); windows 2 and 3: 1 + 2, 2 + 0.
	const log: Logged[] = [
		[10_000, 202, 0],
		[70_000, 202, 1],
		...[2, 3, 4].map((n): Logged => [71_000, 429, n]),
		...[5, 6, 7, 8, 9].map((n): Logged => [71_500, 429, n]),
		[130_000, 202, 10],
		[150_000, 429, 11],
		[150_000, 429, 12],
		[150_000, 429, 13],
		[190_000, 429, 14],
		[190_000, 429, 15],
		[191_000, 'timed out', 16],
	];
	const worker1 = new Set([0, 2, 3, 4, 11, 14, 15]);
	const senderOf = (n: number | null) => (n !== null && worker1.has(n) ? 'worker1' : 'worker2');
	const windows = perWindowBySender(log, MINUTE, senderOf);

	test('each clock window that saw a request, with what each sender had accepted and refused', () => {
		expect(windows.map((w) => [w.start, w.fromFirstS, w.accepted, w.refused])).toEqual([
			[0, -10, { worker1: 1 }, {}],
			[60_000, 50, { worker2: 1 }, { worker1: 3, worker2: 5 }],
			[120_000, 110, { worker2: 1 }, { worker1: 1, worker2: 2 }],
			[180_000, 170, {}, { worker1: 2 }],
		]);
		expect(windows[1].refusals[0]).toEqual(['worker1', 11]);
	});

	test('the row shows each worker’s share of a window’s 429s', () => {
		expect(refusedBySender(windows, ['worker1', 'worker2'])).toBe('0, 8 (3+5), 3 (1+2), 2 (2+0)');
		expect(refusedBySender(windows, ['main'])).toBe('0, 8, 3, 2');
	});

	test('per process, after the window where the limit first refused: the most one sender had', () => {
		expect(laterRefusedPerProcess(windows)).toBe(2);
		expect(laterRefusedPerProcess(windows.slice(0, 2))).toBeUndefined();
		expect(laterRefusedPerProcess(windows.slice(0, 1))).toBe(0);
	});
});

describe("the stand-in's request log", () => {
	const sandbox = useSandbox();

	test('keeps each batch request’s first record number, refused ones too, in arrival order', async () => {
		const s = sandbox();
		s.state.requests.length = 0;
		// The window opens at the first request: the second, a moment later, is refused.
		s.setRateLimit({ limit: 1, windowMs: MINUTE, shape: 'from-first' });
		const auth = Buffer.from(`${s.keys.publishableKey}:${s.keys.secretKey}`).toString('base64');
		const statuses: number[] = [];
		for (const n of [7, 8]) {
			const res = await fetch(`${s.baseUrl}/batch/events?site_uuid=${s.keys.siteUuid}`, {
				method: 'POST',
				headers: {
					Authorization: `Basic ${auth}`,
					'Content-Type': 'application/json',
					'User-Agent': 'n8n-nodes-bentonow-test/1.0',
				},
				body: JSON.stringify({ events: [{ type: 'burst', email: `burst.${n}@example.com` }] }),
			});
			await res.arrayBuffer();
			statuses.push(res.status);
		}
		const log = (await (await fetch(`${s.origin}/__sandbox/requests`)).json()) as {
			requests: Logged[];
		};
		s.setRateLimit(undefined);
		expect(statuses).toEqual([200, 429]);
		expect(log.requests.map(([, status, record]) => [status, record])).toEqual([
			[200, 7],
			[429, 8],
		]);
		expect(log.requests[0][0]).toBeLessThanOrEqual(log.requests[1][0]);
	});
});
