import { BatchPlan } from '../../nodes/Bento/engines/batchDelivery/batchPlan';
import { encodeBatch } from '../../nodes/Bento/engines/batchDelivery/batching';

// The batch plan at its edges, checked against what a batch must be, not against planBatches:
// bodies at exactly the bound, a window whose last record alone is over it, and a few thousand
// random plans settled in the order delivery settles them.

/** A record whose JSON is exactly `n` bytes (n >= 8): {"t":"xxx"}. */
const exact = (n: number) => ({ t: 'x'.repeat(n - 8) });
const bodyBytes = (records: unknown[]) => Buffer.byteLength(JSON.stringify({ events: records }));

/** Settles as delivery does: batch k+1 while batch k is sent; returns every body taken. */
function deliver(plan: BatchPlan): Buffer[] {
	const bodies: Buffer[] = [];
	for (let index = 0; index < plan.batches.length; index++) {
		const body = plan.takeBody(index);
		plan.settle(index + 1);
		bodies.push(body);
	}
	return bodies;
}

// A small PRNG, seeded: the same plans every run.
function random(seed: number) {
	let state = seed >>> 0;
	return () => {
		state = (state * 1664525 + 1013904223) >>> 0;
		return state / 2 ** 32;
	};
}

describe('BatchPlan at the byte bound', () => {
	it('two records whose body is exactly the bound go as one batch; one byte more, two', () => {
		const records = [exact(100), exact(120)];
		const max = bodyBytes(records);
		expect(deliver(new BatchPlan('events', records, 10, max)).map((b) => b.length)).toEqual([max]);
		const split = new BatchPlan('events', records, 10, max - 1);
		expect(deliver(split).map((b) => JSON.parse(b.toString()).events.length)).toEqual([1, 1]);
		expect(split.batches).toEqual([
			{ number: 1, start: 0, end: 1 },
			{ number: 2, start: 1, end: 2 },
		]);
	});

	it('a re-cut whose first batch is exactly the bound keeps it whole', () => {
		// Window of 3 over the bound; its first two records make exactly the bound.
		const records = [exact(300), exact(400), exact(50), exact(20)];
		const max = bodyBytes(records.slice(0, 2));
		const plan = new BatchPlan('events', records, 3, max);
		const bodies = deliver(plan);
		expect(plan.batches.map((b) => [b.start, b.end])).toEqual([
			[0, 2],
			[2, 4],
		]);
		expect(bodies[0].length).toBe(max);
	});

	it('a window whose last record alone is over the bound: the others go together, it alone', () => {
		const records = [exact(100), exact(100), exact(100), exact(5000), exact(100)];
		const plan = new BatchPlan('events', records, 4, 1000);
		const bodies = deliver(plan);
		expect(plan.batches.map((b) => [b.number, b.start, b.end])).toEqual([
			[1, 0, 3],
			[2, 3, 4],
			[3, 4, 5],
		]);
		expect(bodies[1].length).toBe(bodyBytes([records[3]]));
	});

	it('Batch Size 1: one record per batch, even a record over the bound', () => {
		const records = [exact(10), exact(5000), exact(10)];
		const plan = new BatchPlan('events', records, 1, 1000);
		const bodies = deliver(plan);
		expect(plan.batches.map((b) => [b.number, b.start, b.end])).toEqual([
			[1, 0, 1],
			[2, 1, 2],
			[3, 2, 3],
		]);
		bodies.forEach((body, k) =>
			expect(JSON.parse(body.toString())).toEqual({ events: [records[k]] }),
		);
	});

	it('3,000 random plans: batches tile the records in order, are full, fit, and carry their records', () => {
		const next = random(20261203);
		for (let run = 0; run < 3000; run++) {
			const count = 1 + Math.floor(next() * 30);
			const size = 1 + Math.floor(next() * 8);
			const max = 40 + Math.floor(next() * 400);
			const records = Array.from({ length: count }, () => {
				// Mostly small, some near or over the bound, some with multi-byte text.
				const roll = next();
				const n = roll < 0.7 ? 8 + Math.floor(next() * 60) : 8 + Math.floor(next() * max * 1.3);
				return next() < 0.2 ? { t: 'é😀'.repeat(Math.ceil(n / 6)) } : exact(n);
			});
			const earlierCount = next() < 0.2 ? Math.floor(next() * Math.min(count, 3)) : 0;
			const earlier = Array.from({ length: earlierCount }, (_, k) => ({ start: k, end: k + 1 }));
			const plan = new BatchPlan('events', records, size, max, earlier);
			const bodies = deliver(plan);
			const { batches } = plan;
			const where = `run ${run}: ${JSON.stringify({ size, max, batches })}`;
			expect({ where, planned: plan.planned }).toEqual({ where, planned: true });
			let start = 0;
			batches.forEach((batch, k) => {
				const ok =
					batch.number === k + 1 &&
					batch.start === start &&
					batch.end > batch.start &&
					batch.end - batch.start <= size &&
					bodies[k].equals(encodeBatch('events', records, batch));
				const fits = batch.end - batch.start === 1 || bodies[k].length <= max;
				// Greedy: one more record would pass Batch Size or the bound (earlier cuts aside).
				const full =
					k < earlierCount ||
					batch.end === count ||
					batch.end - batch.start === size ||
					bodyBytes(records.slice(batch.start, batch.end + 1)) > max;
				expect({ where, k, ok, fits, full }).toEqual({
					where,
					k,
					ok: true,
					fits: true,
					full: true,
				});
				start = batch.end;
			});
			expect({ where, end: start }).toEqual({ where, end: count });
		}
	});
});
