import { RerunRecord } from '../../nodes/Bento/transport/rerunRecord';

const answered = {
	kind: 'answered' as const,
	status: 200,
	body: {},
	attempts: 1,
	maybeSentBefore: false,
};
let run = 0;
const execution = () => `unit-${++run}`;

describe('RerunRecord', () => {
	it('knows a write by its method, endpoint and items, counting repeats; without items by its body', () => {
		const record = RerunRecord.forRun(execution(), 'Bento', 0, 0);
		expect(record.keyOf('POST', '/batch/events', [0, 1], {}, Buffer.from('a'))).toBe(
			'POST /batch/events items 0,1 #0',
		);
		// The same items again (a second identical write in one run) is the next occurrence.
		expect(record.keyOf('POST', '/batch/events', [0, 1], {}, Buffer.from('b'))).toBe(
			'POST /batch/events items 0,1 #1',
		);
		// A batch's items as runs: its key stays short.
		const batch = Array.from({ length: 1000 }, (_, k) => k);
		expect(record.keyOf('POST', '/batch/events', batch, {}, undefined)).toBe(
			'POST /batch/events items 0-999 #0',
		);
		expect(record.keyOf('POST', '/batch/events', [0, 1, 3, 4, 5, 9], {}, undefined)).toBe(
			'POST /batch/events items 0,1,3-5,9 #0',
		);
		const byBody = record.keyOf('POST', '/fetch/tags', undefined, {}, { tag: { name: 'a' } });
		expect(byBody).toMatch(/^POST \/fetch\/tags \S+ #0$/);
		expect(record.keyOf('POST', '/fetch/tags', undefined, {}, { tag: { name: 'b' } })).not.toBe(
			byBody,
		);
	});

	it('a later try of the same run finds what the first saved; another run or node does not', () => {
		const id = execution();
		const first = RerunRecord.forRun(id, 'Bento', 0, 0);
		expect(first.isRerun).toBe(false);
		first.save(first.keyOf('POST', '/batch/events', [0], {}, undefined), answered, 0);

		const again = RerunRecord.forRun(id, 'Bento', 0, 1000);
		expect(again.isRerun).toBe(true);
		expect(again.outcome(again.keyOf('POST', '/batch/events', [0], {}, undefined))).toEqual(
			answered,
		);
		const nextRun = RerunRecord.forRun(id, 'Bento', 1, 1000);
		expect(
			nextRun.outcome(nextRun.keyOf('POST', '/batch/events', [0], {}, undefined)),
		).toBeUndefined();
		const otherNode = RerunRecord.forRun(id, 'Bento1', 0, 1000);
		expect(otherNode.isRerun).toBe(false);
	});

	it('gives a later try the items of each write sent with items to an endpoint, in the order sent', () => {
		const id = execution();
		const first = RerunRecord.forRun(id, 'Bento', 0, 0);
		const writes = [
			[0, 1, 2, 3],
			[4, 4, 5],
			[7, 9, 10, 11, 12],
		];
		for (const items of writes)
			first.save(first.keyOf('POST', '/batch/events', items, {}, undefined), answered, 0);
		first.save(first.keyOf('POST', '/batch/subscribers', [0], {}, undefined), answered, 0);
		first.save(first.keyOf('POST', '/batch/events', undefined, {}, { a: 1 }), answered, 0);
		const again = RerunRecord.forRun(id, 'Bento', 0, 1);
		expect(again.earlierItems('POST', '/batch/events')).toEqual(writes);
		expect(again.earlierItems('POST', '/batch/emails')).toEqual([]);
	});

	it('release() forgets the run (n8n will not retry it)', () => {
		const id = execution();
		const first = RerunRecord.forRun(id, 'Bento', 0, 0);
		first.save(first.keyOf('POST', '/x', [0], {}, undefined), answered, 0);
		first.release();
		expect(RerunRecord.forRun(id, 'Bento', 0, 0).isRerun).toBe(false);
	});

	it('forgets a run idle for over an hour, not one used a minute ago', () => {
		const idle = execution();
		const busy = execution();
		const a = RerunRecord.forRun(idle, 'Bento', 0, 0);
		a.save(a.keyOf('POST', '/x', [0], {}, undefined), answered, 0);
		const b = RerunRecord.forRun(busy, 'Bento', 0, 0);
		b.save(b.keyOf('POST', '/x', [0], {}, undefined), answered, 3_599_000);
		const later = 3_660_000;
		expect(RerunRecord.forRun(busy, 'Bento', 0, later).isRerun).toBe(true);
		expect(RerunRecord.forRun(idle, 'Bento', 0, later).isRerun).toBe(false);
	});

	it('keeps a run in use while over a thousand others come and go (least recently used first out)', () => {
		const mine = execution();
		const record = RerunRecord.forRun(mine, 'Bento', 0, 0);
		record.save(record.keyOf('POST', '/x', [0], {}, undefined), answered, 0);
		for (let k = 0; k < 1500; k++) {
			RerunRecord.forRun(execution(), 'Bento', 0, 1);
			// The node's own tries keep its record in use.
			if (k % 500 === 0) RerunRecord.forRun(mine, 'Bento', 0, 1);
		}
		expect(RerunRecord.forRun(mine, 'Bento', 0, 2).isRerun).toBe(true);
	});
});
