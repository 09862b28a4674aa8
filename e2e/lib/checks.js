'use strict';
// What the main scenarios must show, shared by the runs with our credential class and with the
// official package's class in its place.
const assert = require('node:assert/strict');

const { assertSucceeded } = require('./failures');

const runOf = (execution, node) => execution?.data?.resultData?.runData?.[node]?.[0];
const itemsOf = (execution, node, output = 0) => runOf(execution, node)?.data?.main?.[output] ?? [];

/** 2,500 items in Define Below mode: 3 requests with the exact events, in order, paired. */
function checkBulk(sandbox, execution) {
	const posts = sandbox.state.requests;
	assert.deepEqual(
		posts.map((r) => [r.status, r.events]),
		[
			[200, 1000],
			[200, 1000],
			[200, 500],
		],
	);
	assert.equal(sandbox.state.events.length, 2500);
	assert.deepEqual(sandbox.state.events[10], {
		type: '$purchase',
		email: 'person10@example.com',
		fields: { first_name: 'Person 10' },
		details: { value: { amount: 110, currency: 'USD' }, unique: { key: 'order-10' } },
		date: new Date(Date.UTC(2024, 4, 1) + 10_000).toISOString(),
	});
	assert.deepEqual(
		sandbox.state.events.map((e) => e.email),
		Array.from({ length: 2500 }, (_, i) => `person${i}@example.com`),
	);
	assert.ok(posts.every((r) => r.userAgent.startsWith('n8n-nodes-bentonow/')));

	const items = itemsOf(execution, 'Bento');
	assert.equal(items.length, 2500);
	assert.deepEqual(items[2499].json.batch, { number: 3, count: 3, size: 500, attempts: 1 });
	assert.deepEqual(items[2499].pairedItem, { item: 2499 });
}

/** Wrong keys: the run fails with Bento's 401 and no secret anywhere. */
function checkWrongKeys(sandbox, { ok, execution, output }, secrets) {
	assert.equal(ok, false);
	assert.equal(sandbox.state.events.length, 0);
	assert.match(output, /Bento answered 401: Invalid authentication credentials/);
	const error = runOf(execution, 'Bento')?.error ?? execution?.data?.resultData?.error;
	if (error) assert.equal(String(error.httpCode), '401');
	for (const secret of secrets)
		assert.ok(!output.includes(secret), `output contains ${secret.slice(0, 6)}...`);
}

/** A 429, a dropped connection and a 503 with Retry-After are retried; every event arrives once. */
async function checkRetries(sandbox, execute) {
	sandbox.setFaults([
		{ status: 429 },
		{ drop: true },
		{ status: 503, headers: { 'Retry-After': '1' } },
	]);
	const { execution } = assertSucceeded(await execute());
	assert.deepEqual(
		sandbox.state.requests.map((r) => r.status),
		[429, 'dropped', 503, 200],
	);
	assert.equal(sandbox.state.events.length, 5);
	assert.equal(itemsOf(execution, 'Bento')[0].json.batch.attempts, 4);
}

module.exports = { checkBulk, checkRetries, checkWrongKeys, itemsOf, runOf };
