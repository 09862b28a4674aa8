'use strict';
// Lost and doubled records: a job numbers its records 0..N-1 (in a unique key or an email, e.g.
// `order-17`, `customer.17@example.com`), and the stand-in keeps every record it accepted, in
// arrival order (store.events; store.imported for Subscriber Import, whose subscribers are
// upserted by email so doubles would not show there; store.commands for Run Command).

const KINDS = { events: 'events', subscribers: 'imported', commands: 'commands' };

/** A record's number: the last run of digits in its unique key, else in its email; or undefined. */
function recordId(record) {
	const text = record?.details?.unique?.key ?? record?.email;
	const digits = typeof text === 'string' ? /(\d+)\D*$/.exec(text) : null;
	return digits ? Number(digits[1]) : undefined;
}

/**
 * Counts, for the records numbered 0..n-1: { expected: n, received (records kept), distinct
 * (ids 0..n-1 seen at least once), once (ids seen exactly once), missing (ids never seen), duplicated (extra copies of ids
 * seen more than once), unknown (records without an id in 0..n-1), firstMissing (up to 10
 * ids) }. `records` is a list of accepted records; `idOf` picks the number (default recordId).
 */
function deliveryOf(records, n, idOf = recordId) {
	const seen = new Uint32Array(n);
	let unknown = 0;
	for (const record of records) {
		const id = idOf(record);
		if (Number.isInteger(id) && id >= 0 && id < n) seen[id] += 1;
		else unknown += 1;
	}
	let distinct = 0;
	let once = 0;
	let duplicated = 0;
	const firstMissing = [];
	for (let id = 0; id < n; id++) {
		if (seen[id] > 0) distinct += 1;
		if (seen[id] === 1) once += 1;
		if (seen[id] > 1) duplicated += seen[id] - 1;
		if (seen[id] === 0 && firstMissing.length < 10) firstMissing.push(id);
	}
	return {
		expected: n,
		received: records.length,
		distinct,
		once,
		missing: n - distinct,
		duplicated,
		unknown,
		firstMissing,
	};
}

/** The accepted records of one kind ('events' | 'subscribers' | 'commands') in a store. */
function recordsOf(store, kind = 'events') {
	const key = KINDS[kind];
	if (!key) throw new Error(`Unknown record kind ${JSON.stringify(kind)}`);
	return store[key];
}

module.exports = { KINDS, deliveryOf, recordId, recordsOf };
