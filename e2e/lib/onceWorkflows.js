'use strict';
// Workflows of the exactly-once scenarios: the Bento node with n8n's Retry On Fail on (3 tries,
// 1000 ms between them), as a user switches it on in the node's Settings.
const { bento, chain, code, noOp, trigger } = require('./workflows');

/** Three emails, as the Send Emails test builds them. */
const EMAILS = Array.from({ length: 3 }, (_, i) => ({
	to: `buyer${i}@example.com`,
	from: 'orders@shop.example',
	subject: `Receipt ${i}`,
	html_body: `<p>Receipt ${i}</p>`,
}));

/** An address pasted from a web page (a space before, a zero-width space after). */
const PASTED = ' User@Example.com\u200b';
/** An address with a zero-width space inside: refused, never sent. */
const HIDDEN_INSIDE = 'us\u200ber@example.com';

// Written with \u escapes so the Code node's source shows (and keeps) every invisible character.
const codeReturning = (items) =>
	code(
		`return ${JSON.stringify(items).replace(
			/[^\x20-\x7e]/g,
			(c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
		)}.map((json) => ({ json }));`,
	);

const retried = (node) => ({ ...node, retryOnFail: true, maxTries: 3, waitBetweenTries: 1000 });

/** Bento with Retry On Fail, its error output wired to Failed, its success output to Sent. */
function withErrorOutput(id, name, items, parameters) {
	const nodes = [
		codeReturning(items),
		retried(bento(parameters, { onError: 'continueErrorOutput' })),
		noOp('Sent', 3),
		noOp('Failed', 3),
	];
	nodes[3].position = [660, 200];
	return chain(id, name, [trigger(), ...nodes], {
		Bento: {
			main: [
				[{ node: 'Sent', type: 'main', index: 0 }],
				[{ node: 'Failed', type: 'main', index: 0 }],
			],
		},
	});
}

/** Item 0 is invalid and leaves by the error output; items 1 and 2 are valid events. */
const invalidFirst = () =>
	withErrorOutput(
		'e2eOnceEvents01',
		'E2E once: invalid first item',
		[
			{ type: 'signup', email: 'not-an-email' },
			{ type: 'signup', email: 'once1@example.com' },
			{ type: 'signup', email: 'once2@example.com' },
		],
		{ mappingMode: 'autoMapInputData', options: { retryDelay: 50 } },
	);

/** Three emails; a failure stops the execution (no error output). */
const emails = () =>
	chain('e2eOnceEmails01', 'E2E once: emails', [
		trigger(),
		codeReturning(EMAILS),
		retried(
			bento({
				resource: 'email',
				operation: 'send',
				mappingMode: 'autoMapInputData',
				options: { requestsPerMinute: 0, retryDelay: 50 },
			}),
		),
	]);

/** An address with a hidden character inside (item 0), and one pasted with them at its ends. */
const addresses = () =>
	withErrorOutput(
		'e2eOnceAddress01',
		'E2E once: invisible characters in addresses',
		[
			{ type: 'signup', email: HIDDEN_INSIDE },
			{ type: 'signup', email: PASTED },
		],
		{ mappingMode: 'autoMapInputData', options: { retryDelay: 50 } },
	);

/** A per-item write that is never resent: item 0 has no subject, items 1 and 2 are emails. */
const sequenceEmails = () =>
	withErrorOutput(
		'e2eOnceSequence01',
		'E2E once: add emails to a sequence',
		[
			{ subject: '', html: '<p>none</p>' },
			{ subject: 'Once step 1', html: '<p>1</p>' },
			{ subject: 'Once step 2', html: '<p>2</p>' },
		],
		{
			resource: 'sequence',
			operation: 'addEmail',
			sequenceId: { __rl: true, mode: 'id', value: 'sequence_3' },
			subject: '={{ $json.subject }}',
			html: '={{ $json.html }}',
			options: { retryDelay: 50 },
		},
	);

/** Events dated {{ $now }}: a value n8n computes anew on each try. Item 0 is invalid. */
const datedNow = () =>
	withErrorOutput(
		'e2eOnceDatedNow01',
		'E2E once: events dated now',
		[{ mail: 'not-an-email' }, { mail: 'dated1@example.com' }],
		{
			mappingMode: 'defineBelow',
			eventType: 'signup',
			email: '={{ $json.mail }}',
			date: '={{ $now.toISO() }}',
			options: { retryDelay: 50 },
		},
	);

module.exports = {
	EMAILS,
	HIDDEN_INSIDE,
	PASTED,
	onceScenarios: () => [invalidFirst(), emails(), addresses(), sequenceEmails(), datedNow()],
};
