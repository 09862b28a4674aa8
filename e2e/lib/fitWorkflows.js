'use strict';
// Workflows of the "requests that fit" scenarios: 1,000 events of 1.5 MB in all, against a
// stand-in whose body limit is below the node's own bound, so that a 413 and the split happen.
const { bento, chain, code, noOp } = require('./workflows');

const EVENT_COUNT = 1000;
/** Bytes of JSON per event, about: 1,000 of them are 1.5 MB. */
const EVENT_BYTES = 1500;

/** 1,000 events with large details (quotes, a line break, an emoji), numbered by unique key. */
const largeEvents = () => {
	const nodes = [
		{
			...code(
				`const pad = 'x'.repeat(${EVENT_BYTES - 134});
return Array.from({ length: ${EVENT_COUNT} }, (_, i) => ({ json: { type: 'catalog_viewed', email: 'reader' + i + '@example.com', details: { unique: { key: 'view-' + i }, note: '"Quoted" \\\\ line\\nbreak 😀 ' + pad } } }));`,
			),
		},
		bento(
			{ mappingMode: 'autoMapInputData', options: { retryDelay: 50, requestsPerMinute: 0 } },
			{ onError: 'continueErrorOutput' },
		),
		noOp('Sent', 3),
		noOp('Not Sent', 3),
	];
	nodes[3].position = [660, 200];
	return chain(
		'e2eFit1000',
		'E2E 1,000 large events',
		[
			{
				id: 'start',
				name: 'Start',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			...nodes,
		],
		{
			Bento: {
				main: [
					[{ node: 'Sent', type: 'main', index: 0 }],
					[{ node: 'Not Sent', type: 'main', index: 0 }],
				],
			},
		},
	);
};

module.exports = { EVENT_BYTES, EVENT_COUNT, fitScenarios: () => [largeEvents()] };
