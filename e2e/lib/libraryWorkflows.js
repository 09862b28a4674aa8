'use strict';
// The library scenario (stats, sequences, workflows, email templates, segments, forms, utility
// checks): one workflow with one Bento node per operation, so a single `n8n execute` covers them.
const { CREDENTIAL, code, trigger } = require('./workflows');

const byId = (value) => ({ __rl: true, mode: 'id', value });

/** The items the Code node puts out: two share a segment and an address, as real runs do. */
const ITEMS = [
	{ segment: 'seg_1', email: 'ann@example.com', domain: 'spam.example' },
	{ segment: 'seg_1', email: 'bad@example.invalid', domain: 'ok.example' },
	{ segment: 'seg_2', email: 'ann@example.com', domain: 'ok.example' },
];

const NEW_HTML = '<p>Hello {{ visitor.first_name }}</p>\n';

// [name, input node, parameters, extra node settings]
const BENTO_NODES = [
	['Site Stats', 'Code', { resource: 'stats', operation: 'getSite' }],
	[
		'Segment Stats',
		'Code',
		{ resource: 'stats', operation: 'getSegment', segmentId: byId('={{ $json.segment }}') },
	],
	['Report Stats', 'Start', { resource: 'stats', operation: 'getReport', reportId: 'rep_1' }],
	['Sequences', 'Start', { resource: 'sequence', operation: 'getAll', returnAll: true }],
	[
		'Add Email',
		'Start',
		{
			resource: 'sequence',
			operation: 'addEmail',
			sequenceId: byId('sequence_2'),
			subject: 'Day 3',
			html: '<p>Day 3</p>',
			additionalFields: { delay_interval: 'days', delay_interval_count: 3 },
		},
	],
	['Workflows', 'Start', { resource: 'workflow', operation: 'getAll', returnAll: false, limit: 5 }],
	[
		'Update Template',
		'Start',
		{
			resource: 'emailTemplate',
			operation: 'update',
			templateId: byId('1001'),
			updateFields: { subject: 'Welcome aboard', html: NEW_HTML },
		},
	],
	[
		'Get Template',
		'Update Template',
		{ resource: 'emailTemplate', operation: 'get', templateId: byId('={{ $json.id }}') },
	],
	['Segments', 'Start', { resource: 'segment', operation: 'getAll', returnAll: true }],
	[
		'Missing Segment',
		'Start',
		{ resource: 'segment', operation: 'get', segmentId: byId('seg_404') },
		{ onError: 'continueRegularOutput' },
	],
	[
		'Form Responses',
		'Start',
		{ resource: 'form', operation: 'getResponses', formId: 'newsletter-form', returnAll: true },
	],
	[
		'Validate',
		'Code',
		{ resource: 'utility', operation: 'validateEmail', email: '={{ $json.email }}' },
	],
	[
		'Strict Validate',
		'Start',
		{
			resource: 'utility',
			operation: 'validateEmail',
			email: 'ann@gmail.com',
			ruleset: 'jessesRuleset',
			blockFreeProviders: true,
		},
	],
	[
		'Moderate',
		'Start',
		{ resource: 'utility', operation: 'moderateContent', content: 'Well, damn.' },
	],
	['Gender', 'Start', { resource: 'utility', operation: 'guessGender', name: 'Ann' }],
	['Geolocate', 'Start', { resource: 'utility', operation: 'geolocateIp', ip: '10.0.0.1' }],
	[
		'Blacklist',
		'Code',
		{ resource: 'utility', operation: 'checkBlacklist', domain: '={{ $json.domain }}' },
	],
];

function libraryScenario() {
	const nodes = [trigger(), code(`return ${JSON.stringify(ITEMS)}.map((json) => ({ json }));`)];
	const connections = { Start: { main: [[{ node: 'Code', type: 'main', index: 0 }]] } };
	BENTO_NODES.forEach(([name, input, parameters, settings = {}], i) => {
		nodes.push({
			id: `lib${i}`,
			name,
			type: 'n8n-nodes-bentonow.bento',
			typeVersion: 1,
			position: [660 + (input === 'Start' ? 0 : 220), i * 120],
			parameters,
			credentials: { bentoApi: CREDENTIAL },
			...settings,
		});
		const from = connections[input] ?? { main: [[]] };
		from.main[0].push({ node: name, type: 'main', index: 0 });
		connections[input] = from;
	});
	return {
		id: 'e2eLibrary01',
		name: 'E2E library reads and writes',
		active: false,
		settings: { executionOrder: 'v1' },
		nodes,
		connections,
	};
}

module.exports = { ITEMS, NEW_HTML, libraryScenarios: () => [libraryScenario()] };
