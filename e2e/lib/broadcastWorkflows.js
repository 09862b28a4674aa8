'use strict';
// Workflows of the broadcast suite: Create Broadcasts scheduled, sent, kept as drafts and dry
// run, in a workflow whose time zone is New York.
const { bento, chain, code, trigger } = require('./workflows');

const ZONE = 'America/New_York';

/** Two issues at 09:00 New York time: one in winter (-05:00), one in summer (-04:00). */
const ISSUES = [
	{ title: 'Tuesday news', at: '2030-01-08 09:00', utc: '2030-01-08T14:00:00Z' },
	{ title: 'Summer news', at: '2030-07-09T09:00:00', utc: '2030-07-09T13:00:00Z' },
];

const creating = (extra) => ({
	resource: 'broadcast',
	operation: 'create',
	name: '={{ $json.title }}',
	subject: '={{ $json.title }}: what is new',
	content: '<p>Hello {{ visitor.first_name }}</p>',
	type: 'plain',
	fromEmail: 'news@shop.example',
	inclusiveTags: { tags: [{ tag: { __rl: true, mode: 'name', value: 'customer' } }] },
	batchSizePerHour: 500,
	...extra,
	options: { retryDelay: 50, ...extra.options },
});

/** A workflow in New York time: the issues, then Bento with `parameters` (and node settings). */
function broadcastWorkflow(id, name, parameters, settings = {}) {
	const workflow = chain(id, name, [
		trigger(),
		code(`return ${JSON.stringify(ISSUES)}.map((json) => ({ json }));`),
		{ ...bento(creating(parameters)), ...settings },
	]);
	workflow.settings = { timezone: ZONE };
	return workflow;
}

const retried = { retryOnFail: true, maxTries: 3, waitBetweenTries: 1000 };

module.exports = {
	ISSUES,
	broadcastScenarios: () => [
		broadcastWorkflow('e2eBcSchedule1', 'E2E broadcasts scheduled', {
			delivery: 'schedule',
			sendAt: '={{ $json.at }}',
		}),
		broadcastWorkflow('e2eBcDraft01', 'E2E broadcasts as drafts', {}),
		broadcastWorkflow(
			'e2eBcSendRetry',
			'E2E broadcasts sent, Retry On Fail',
			{ delivery: 'send' },
			retried,
		),
		broadcastWorkflow('e2eBcDryRun01', 'E2E broadcasts dry run', {
			delivery: 'schedule',
			sendAt: '={{ $json.at }}',
			options: { dryRun: true },
		}),
	],
};
