'use strict';
// Workflows for the queue-mode scenarios. Production executions in queue mode are the ones a
// trigger starts, so most start with a Webhook (answered at once, run by a worker); a few twins
// start with the Manual Trigger, which n8n runs in the main process, for comparison.
const { CREDENTIAL, WRONG_CREDENTIAL } = require('../lib/workflows');

const position = (i) => [i * 220, 0];

// Stable webhook ids: n8n keys production webhooks by path and method, the id only has to exist.
const webhookId = (path) =>
	`00000000-0000-4000-8000-${Buffer.from(path).toString('hex').padEnd(12, '0').slice(0, 12)}`;

const webhook = (path) => ({
	id: 'webhook',
	name: 'Webhook',
	type: 'n8n-nodes-base.webhook',
	typeVersion: 2,
	position: position(0),
	webhookId: webhookId(path),
	parameters: { httpMethod: 'POST', path, responseMode: 'onReceived', options: {} },
});

const manual = () => ({
	id: 'start',
	name: 'Start',
	type: 'n8n-nodes-base.manualTrigger',
	typeVersion: 1,
	position: position(0),
	parameters: {},
});

/**
 * `count` items (the webhook body's `count`, or `defaultCount`), each one event with a distinct
 * email and key. `fields.execution` carries n8n's execution id, so the stand-in's events say
 * which execution sent them (and the worker logs say which worker ran that execution).
 * `asEvents`: the items already are events (for Map Automatically: no expression per item, which
 * keeps 100,000 items affordable on a 2-core machine).
 */
const generate = (prefix, defaultCount, { asEvents = false } = {}) => ({
	id: 'code',
	name: 'Generate',
	type: 'n8n-nodes-base.code',
	typeVersion: 2,
	position: position(1),
	parameters: {
		jsCode: [
			'const body = $input.first().json.body ?? {};',
			`const count = body.count ?? ${defaultCount};`,
			"const run = String(body.run ?? 'main');",
			'const execution = String($execution.id);',
			asEvents
				? `return Array.from({ length: count }, (_, i) => ({ json: { type: 'queue_test', email: \`${prefix}\${run}-\${i}@example.com\`, fields: { run, execution } } }));`
				: `return Array.from({ length: count }, (_, i) => ({ json: { email: \`${prefix}\${run}-\${i}@example.com\`, key: \`${prefix}\${run}-\${i}\`, run, execution } }));`,
		].join('\n'),
	},
});

const DEFINE_BELOW = {
	mappingMode: 'defineBelow',
	eventType: 'queue_test',
	email: '={{ $json.email }}',
	fields: '={{ { run: $json.run, execution: $json.execution } }}',
};
const AUTO_MAP = { mappingMode: 'autoMapInputData' };

function bento(options, credential = CREDENTIAL, mapping = DEFINE_BELOW) {
	return {
		id: 'bento',
		name: 'Bento',
		type: 'n8n-nodes-bentonow.bento',
		typeVersion: 1,
		position: position(2),
		parameters: {
			resource: 'event',
			operation: 'create',
			...mapping,
			options,
		},
		credentials: { bentoApi: credential },
	};
}

function workflow(id, trigger, nodes) {
	const all = [trigger, ...nodes];
	const connections = {};
	for (let i = 0; i < all.length - 1; i++)
		connections[all[i].name] = { main: [[{ node: all[i + 1].name, type: 'main', index: 0 }]] };
	// Only webhook workflows are active: queue mode registers their production webhooks.
	return {
		id,
		name: `Queue ${id}`,
		active: trigger.type.endsWith('.webhook'),
		settings: {},
		nodes: all,
		connections,
	};
}

const uniqueKey = '={{ $json.key }}';

const WORKFLOWS = {
	// Scenario 1: 10 at once, 10,000 events each, paced at the site's limit / 10 (Map
	// Automatically).
	load: { id: 'queueLoad0001', path: 'bento-queue-load' },
	// Scenario 2: a paced execution (20 requests of 500) whose worker is killed, with and
	// without Unique Key.
	kill: { id: 'queueKill0001', path: 'bento-queue-kill' },
	killNoKey: { id: 'queueKillNoKey01', path: 'bento-queue-kill-nokey' },
	// Scenario 3: the same paced / retried / wrong-key runs on a worker and in the main process.
	paced: { id: 'queuePaced0001', path: 'bento-queue-paced' },
	pacedMain: { id: 'queuePacedMain01' },
	retry: { id: 'queueRetry0001', path: 'bento-queue-retry' },
	retryMain: { id: 'queueRetryMain01' },
	wrongKey: { id: 'queueWrongKey001', path: 'bento-queue-wrong-key' },
};

/** Pacing for the paced pair: 300 requests per minute, one request every 200 ms. */
const PACED_RPM = 300;

function workflows({ loadRequestsPerMinute }) {
	const W = WORKFLOWS;
	const paced = { batchSize: 100, requestsPerMinute: PACED_RPM };
	const retry = { retryDelay: 50 };
	const kill = { batchSize: 500, requestsPerMinute: 240 };
	return [
		workflow(W.load.id, webhook(W.load.path), [
			generate('load', 10_000, { asEvents: true }),
			bento({ requestsPerMinute: loadRequestsPerMinute }, CREDENTIAL, AUTO_MAP),
		]),
		workflow(W.kill.id, webhook(W.kill.path), [
			generate('kill', 10_000),
			bento({ ...kill, uniqueKey }),
		]),
		workflow(W.killNoKey.id, webhook(W.killNoKey.path), [generate('nokey', 10_000), bento(kill)]),
		workflow(W.paced.id, webhook(W.paced.path), [generate('paced', 1000), bento(paced)]),
		workflow(W.pacedMain.id, manual(), [generate('pacedmain', 1000), bento(paced)]),
		workflow(W.retry.id, webhook(W.retry.path), [generate('retry', 5), bento(retry)]),
		workflow(W.retryMain.id, manual(), [generate('retrymain', 5), bento(retry)]),
		workflow(W.wrongKey.id, webhook(W.wrongKey.path), [
			generate('wrong', 5),
			bento({}, WRONG_CREDENTIAL),
		]),
	];
}

module.exports = { PACED_RPM, WORKFLOWS, webhook, workflows };
