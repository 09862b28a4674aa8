import type { Clock } from '../../nodes/Bento/transport/clock';
import { Pacer } from '../../nodes/Bento/transport/pacer';

function fakeClock() {
	let now = 1_000_000;
	const waits: number[] = [];
	const clock: Clock = {
		now: () => now,
		wait: async (ms) => {
			waits.push(ms);
			now += ms;
		},
		random: () => 0.5,
	};
	return { clock, waits, advance: (ms: number) => (now += ms) };
}

describe('Pacer', () => {
	it('spaces request starts 60000/N ms apart', async () => {
		const { clock, waits } = fakeClock();
		const pacer = new Pacer(120, clock);
		for (let i = 0; i < 4; i++) await pacer.beforeRequest();
		expect(waits).toEqual([0, 500, 500, 500]);
	});

	it('does not wait when the request itself took longer than the interval', async () => {
		const { clock, waits, advance } = fakeClock();
		const pacer = new Pacer(60, clock);
		await pacer.beforeRequest();
		advance(1500);
		await pacer.beforeRequest();
		advance(200);
		await pacer.beforeRequest();
		expect(waits).toEqual([0, 0, 800]);
	});

	it('never waits when pacing is off', async () => {
		const { clock, waits } = fakeClock();
		const pacer = new Pacer(0, clock);
		await pacer.beforeRequest();
		await pacer.beforeRequest();
		expect(waits).toEqual([]);
	});
});
