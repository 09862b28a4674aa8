/**
 * Local times of answers in a trailing window, oldest first: `times[from..to)` of an array that
 * successive limit states share. Appending to the state that holds the array's end pushes in
 * place (O(1) per answer, where a copy would cost the whole window per request); appending to
 * any other (an older state) copies first, so every state still reads as it was.
 */
export interface AnswerLog {
	readonly times: number[];
	readonly from: number;
	readonly to: number;
}

// Dropped times kept at the array's front before it is compacted (a copy, amortized O(1)).
const COMPACT_AFTER = 1_024;

/** A new, empty log (never shared between gates: appends may write into its array). */
export function emptyLog(): AnswerLog {
	return { times: [], from: 0, to: 0 };
}

export function logSize(log: AnswerLog): number {
	return log.to - log.from;
}

/** The `k`th oldest time of the log. */
export function logAt(log: AnswerLog, k: number): number {
	return log.times[log.from + k];
}

/** The log with `at` (local ms) added last. */
export function appendAnswer(log: AnswerLog, at: number): AnswerLog {
	const { times, from, to } = log;
	const compact = from > COMPACT_AFTER && from * 2 > to;
	if (times.length === to && !compact) {
		times.push(at);
		return { times, from, to: to + 1 };
	}
	const copy = times.slice(from, to);
	copy.push(at);
	return { times: copy, from: 0, to: copy.length };
}

/** The log without times at or before `now - windowMs`, and at most the latest `max`. */
export function recentAnswers(
	log: AnswerLog,
	now: number,
	windowMs: number,
	max: number,
): AnswerLog {
	const oldest = now - windowMs;
	let from = Math.max(log.from, log.to - max);
	while (from < log.to && log.times[from] <= oldest) from++;
	return from === log.from ? log : { times: log.times, from, to: log.to };
}
