'use strict';
// The audience scenario: subscribers imported, commanded, looked up and tags listed, in one
// workflow (each `n8n execute` costs about 10 s), from the shared building blocks.
const { bento, code, noOp, trigger } = require('./workflows');

const PEOPLE = 2500;
const COMMANDS = 251;

const rl = (mode, value) => ({ __rl: true, mode, value });

/** The commands the workflow sends for subscriber i (of the first 250), then one change_email. */
const commandFor = (i) => {
	const email = `person${i}@example.com`;
	switch (i % 5) {
		case 0:
			return { command: 'add_field', email, query: { key: 'seats', value: i } };
		case 1:
			return { command: 'remove_tag', email, query: 'odd' };
		case 2:
			return { command: 'unsubscribe', email };
		case 3:
			return { command: 'add_tag', email, query: 'vip' };
		default:
			return { command: 'add_tag_via_event', email, query: 'webinar' };
	}
};
const EXPECTED_COMMANDS = [
	...Array.from({ length: COMMANDS - 1 }, (_, i) => commandFor(i)),
	{ command: 'change_email', email: 'person2499@example.com', query: 'renamed@example.com' },
];

/** A node `name` of the line, at column `column` (row 1: below, for error branches). */
function at(node, name, column, row = 0) {
	return {
		...node,
		id: name.toLowerCase().replace(/\W+/g, '-'),
		name,
		position: [column * 220, row * 200],
	};
}

const connect = (to) => [{ node: to, type: 'main', index: 0 }];

const audience = () => {
	const nodes = [
		at(trigger(), 'Start', 0),
		at(
			code(
				`return Array.from({ length: ${PEOPLE} }, (_, i) => ({ json: { mail: 'person' + i + '@example.com', first: 'Person ' + i, plan: i % 3 ? 'pro' : 'free', i } }));`,
			),
			'People',
			1,
		),
		at(
			bento({
				resource: 'subscriber',
				operation: 'import',
				mappingMode: 'defineBelow',
				email: '={{ $json.mail }}',
				firstName: '={{ $json.first }}',
				lastName: '',
				tags: {
					values: [
						{ tag: rl('list', 'customer') },
						{ tag: rl('name', '={{ $json.i % 2 ? "odd" : "even" }}') },
					],
				},
				customFields: { values: [{ key: rl('list', 'plan'), value: '={{ $json.plan }}' }] },
				options: { retryDelay: 50 },
			}),
			'Import',
			2,
		),
		at(
			code(
				`const made = ${JSON.stringify(EXPECTED_COMMANDS)};\nreturn made.map((json) => ({ json }));`,
			),
			'Commands',
			3,
		),
		at(
			bento({ resource: 'subscriber', operation: 'runCommand', mappingMode: 'autoMapInputData' }),
			'Run Commands',
			4,
		),
		{
			...at(
				code(
					"return [{ json: { email: 'person3@example.com' } }, { json: { email: 'nobody@example.com' } }, { json: { email: 'renamed@example.com' } }];",
				),
				'Lookups',
				5,
			),
			executeOnce: true,
		},
		at(
			bento(
				{
					resource: 'subscriber',
					operation: 'get',
					by: 'email',
					email: '={{ $json.email }}',
					options: { ifNotFound: 'error' },
				},
				{ onError: 'continueErrorOutput' },
			),
			'Get',
			6,
		),
		at(noOp('Not Found', 7), 'Not Found', 7, 1),
		at(bento({ resource: 'tag', operation: 'getAll', returnAll: true }), 'Tags', 7),
	];
	return {
		id: 'e2eAudience01',
		name: 'E2E audience',
		active: false,
		settings: { executionOrder: 'v1' },
		nodes,
		connections: {
			Start: { main: [connect('People')] },
			People: { main: [connect('Import')] },
			Import: { main: [connect('Commands')] },
			Commands: { main: [connect('Run Commands')] },
			'Run Commands': { main: [connect('Lookups')] },
			Lookups: { main: [connect('Get')] },
			Get: { main: [connect('Tags'), connect('Not Found')] },
		},
	};
};

module.exports = { PEOPLE, EXPECTED_COMMANDS, audienceScenarios: () => [audience()] };
