'use strict';
// A burst of single-event executions, as a shop's or a form's webhook starts them: one workflow
// Webhook → Bento Create Events (one item per call, default options), K calls fired at once over
// HTTP, then n8n's executions counted by status through its REST API (the owner's session).
// Shared by e2e/burst.test.js and the benchmark's burst rows (bench/limitBurst.ts).
const http = require('node:http');

const { webhook } = require('../queue/workflows');
const { savedErrors } = require('./failures');

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** n8n's finished states; an execution in any other one is still queued or running. */
const TERMINAL = ['success', 'error', 'crashed', 'canceled'];
const FAILED = ['error', 'crashed', 'canceled'];

/**
 * Webhook (POST `path`, answered at once) → Bento Create Events with Define Below and no option
 * set: the call's body { n } becomes one event of `eventType` for burst.<n>@example.com, so that
 * the stand-in can count each of 0..K-1 (sandbox/delivery.js reads the number in the email).
 */
function burstWorkflow({ id, path, credential, active = true, eventType = 'burst_test' }) {
	const bento = {
		id: 'bento',
		name: 'Bento',
		type: 'n8n-nodes-bentonow.bento',
		typeVersion: 1,
		position: [220, 0],
		parameters: {
			resource: 'event',
			operation: 'create',
			mappingMode: 'defineBelow',
			eventType,
			email: '={{ $json.body.email }}',
			options: {},
		},
		credentials: { bentoApi: credential },
	};
	return {
		id,
		name: `Burst ${id}`,
		active,
		settings: {},
		nodes: [webhook(path), bento],
		connections: { Webhook: { main: [[{ node: 'Bento', type: 'main', index: 0 }]] } },
	};
}

/**
 * Waits until n8n serves the production webhook at `path` (n8n 2.x registers it a moment after
 * it is ready). The probe is a CORS preflight (OPTIONS with an Origin): n8n answers 204 only for
 * a registered path and starts no execution.
 */
async function waitForWebhook(port, path, timeoutMs = 120_000) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		try {
			const res = await fetch(`http://127.0.0.1:${port}/webhook/${path}`, {
				method: 'OPTIONS',
				headers: { Origin: 'http://127.0.0.1', 'Access-Control-Request-Method': 'POST' },
				signal: AbortSignal.timeout(5_000),
			});
			await res.arrayBuffer();
			if (res.status === 204) return;
		} catch {
			// not listening yet, or n8n did not answer the probe
		}
		if (Date.now() > deadline) throw new Error(`webhook ${path} not registered in time`);
		await sleep(500);
	}
}

/** One POST with a JSON body over its own connection; resolves with the status code. */
function post(agent, port, path, body) {
	const text = JSON.stringify(body);
	return new Promise((resolve, reject) => {
		const req = http.request(
			{
				host: '127.0.0.1',
				port,
				path: `/webhook/${path}`,
				method: 'POST',
				agent,
				headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) },
				timeout: 120_000,
			},
			(res) => {
				res.resume();
				res.on('end', () => resolve(res.statusCode));
			},
		);
		req.on('timeout', () => req.destroy(new Error('webhook call timed out')));
		req.on('error', reject);
		req.end(text);
	});
}

/**
 * Fires `count` webhook calls at once (one connection each, none waiting for another), bodies
 * { n, email: burst.<n>@example.com } for n = 0..count-1. Resolves with { statuses: { code:
 * calls }, ms: until the last answer }; a call that failed at the socket counts under 'error'.
 */
async function fireBurst(port, path, count) {
	const agent = new http.Agent({ keepAlive: false, maxSockets: Infinity });
	const started = Date.now();
	const answers = await Promise.all(
		Array.from({ length: count }, (_, n) =>
			post(agent, port, path, { n, email: `burst.${n}@example.com` }).catch(() => 'error'),
		),
	);
	agent.destroy();
	const statuses = {};
	for (const a of answers) statuses[a] = (statuses[a] ?? 0) + 1;
	return { statuses, ms: Date.now() - started };
}

/**
 * How many executions of `workflowId` n8n holds in each of `statuses`, through GET
 * /rest/executions with a status filter (its answer's `count`; same shape in 1.x and 2.x), and
 * the newest `limit` of them ([{ id, status, ... }]).
 * `n8n` is an e2e N8n whose owner session is set up (setupOwner).
 */
async function countExecutions(n8n, workflowId, statuses, limit = 1) {
	const filter = encodeURIComponent(JSON.stringify({ workflowId, status: statuses }));
	const { status, json, text } = await n8n.rest(
		'GET',
		`/executions?filter=${filter}&limit=${limit}`,
	);
	if (status !== 200) throw new Error(`GET /rest/executions answered ${status}: ${text}`);
	const data = json.data ?? json;
	if (typeof data.count !== 'number') throw new Error(`no count in ${text.slice(0, 300)}`);
	const results = data.results ?? [];
	return { count: data.count, first: results[0], results };
}

/**
 * Polls (every `intervalMs`) until `expected` executions of `workflowId` have finished; resolves
 * with { at (ms, when seen), finished, failed, firstFailedId, failures: the newest 5 failed
 * ({ id, status }) }. Throws past `timeoutMs`.
 */
async function waitForExecutions(n8n, workflowId, expected, { timeoutMs, intervalMs = 1_000 }) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const done = await countExecutions(n8n, workflowId, TERMINAL).catch(() => undefined);
		if (done && done.count >= expected) {
			const at = Date.now();
			const failed = await countExecutions(n8n, workflowId, FAILED, 5);
			return {
				at,
				finished: done.count,
				failed: failed.count,
				firstFailedId: failed.first?.id,
				failures: failed.results.map(({ id, status }) => ({ id, status })),
			};
		}
		if (Date.now() > deadline)
			throw new Error(
				`${done?.count ?? '?'} of ${expected} executions finished after ${timeoutMs} ms`,
			);
		await sleep(intervalMs);
	}
}

/** The first error message n8n saved for execution `id` (undefined when none or unreadable). */
async function executionError(n8n, id) {
	const saved = await n8n.savedExecution(id).catch(() => undefined);
	return savedErrors(saved)[0]?.error.message;
}

module.exports = {
	FAILED,
	TERMINAL,
	burstWorkflow,
	countExecutions,
	executionError,
	fireBurst,
	waitForExecutions,
	waitForWebhook,
};
