import {
	appendAnswer,
	emptyLog,
	logAt,
	logSize,
	recentAnswers,
} from '../../nodes/Bento/transport/answerLog';

const read = (log: ReturnType<typeof emptyLog>) =>
	Array.from({ length: logSize(log) }, (_, k) => logAt(log, k));

describe('the answer log of a limit state', () => {
	it('appends in order and drops what left the window, capped at the latest `max`', () => {
		let log = emptyLog();
		for (const at of [1, 2, 3, 10, 11]) log = appendAnswer(log, at);
		expect(read(log)).toEqual([1, 2, 3, 10, 11]);
		expect(read(recentAnswers(log, 12, 10, 100))).toEqual([3, 10, 11]);
		expect(read(recentAnswers(log, 12, 100, 2))).toEqual([10, 11]);
	});

	it('an older state still reads as it was after a newer one appended (states branch)', () => {
		const base = appendAnswer(appendAnswer(emptyLog(), 1), 2);
		const one = appendAnswer(base, 3);
		const other = appendAnswer(base, 4);
		expect(read(base)).toEqual([1, 2]);
		expect(read(one)).toEqual([1, 2, 3]);
		expect(read(other)).toEqual([1, 2, 4]);
		expect(read(appendAnswer(one, 5))).toEqual([1, 2, 3, 5]);
	});

	it('stays right across compaction of a long run of answers', () => {
		let log = emptyLog();
		for (let at = 0; at < 5000; at++) log = recentAnswers(appendAnswer(log, at), at, 100, 5000);
		expect(read(log)).toEqual(Array.from({ length: 100 }, (_, k) => 4900 + k));
		expect(log.times.length).toBeLessThan(2500);
	});
});
