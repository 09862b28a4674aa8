'use strict';
// Workflows of the sending scenarios (emails and broadcasts), from the shared building blocks.
const { bento, chain, code, noOp, position, trigger } = require('./workflows');

const EMAIL_COUNT = 130;

/** The email the workflow builds for item i, exactly as Bento must receive it. */
const expectedEmail = (i) => ({
	to: `buyer${i}@example.com`,
	from: 'orders@shop.example',
	subject: `Your receipt for order ${1000 + i}`,
	html_body: '<p>Hi {{ name }},</p><p>Order {{ order }}: {{ total }}</p>',
	transactional: true,
	personalizations: { name: `Buyer ${i}`, order: String(1000 + i), total: `${(i + 1) * 3}.00 USD` },
});

/** 130 receipts in Define Below mode; undelivered ones leave by the error output. */
const receipts = () => {
	const nodes = [
		trigger(),
		code(
			`return Array.from({ length: ${EMAIL_COUNT} }, (_, i) => ({ json: { email: 'buyer' + i + '@example.com', name: 'Buyer ' + i, order: String(1000 + i), total: (i + 1) * 3 } }));`,
		),
		bento(
			{
				resource: 'email',
				operation: 'send',
				mappingMode: 'defineBelow',
				to: '={{ $json.email }}',
				from: 'orders@shop.example',
				subject: '={{ "Your receipt for order " + $json.order }}',
				htmlBody: '<p>Hi {{ name }},</p><p>Order {{ order }}: {{ total }}</p>',
				transactional: true,
				personalizations:
					'={{ { name: $json.name, order: $json.order, total: $json.total.toFixed(2) + " USD" } }}',
				options: { requestsPerMinute: 0, retryDelay: 50 },
			},
			{ onError: 'continueErrorOutput' },
		),
		noOp('Sent', 3),
		noOp('Not Sent', 3),
	];
	nodes[4].position = [660, 200];
	return chain('e2eEmails130', 'E2E 130 receipts', nodes, {
		Bento: {
			main: [
				[{ node: 'Sent', type: 'main', index: 0 }],
				[{ node: 'Not Sent', type: 'main', index: 0 }],
			],
		},
	});
};

/** Two broadcasts created as drafts, then every sent broadcast listed (several pages). */
const broadcasts = () => {
	const list = {
		...bento({ resource: 'broadcast', operation: 'getAll', status: 'sent', returnAll: true }),
		id: 'list',
		name: 'List Sent',
		position: position(3),
		executeOnce: true,
	};
	const nodes = [
		trigger(),
		code(
			"return [{ json: { title: 'May news', segment: 'seg_42' } }, { json: { title: 'June news', segment: '' } }];",
		),
		bento({
			resource: 'broadcast',
			operation: 'create',
			name: '={{ $json.title }}',
			subject: '={{ $json.title }}: what is new',
			content: '<p>Hello {{ visitor.first_name }}</p>',
			type: 'plain',
			fromEmail: 'news@shop.example',
			fromName: 'Shop News',
			inclusiveTags: { tags: [{ tag: { __rl: true, mode: 'name', value: 'customer' } }] },
			exclusiveTags: {},
			segmentId: '={{ $json.segment }}',
			batchSizePerHour: 250,
		}),
		list,
	];
	const workflow = chain('e2eBroadcast01', 'E2E broadcasts', nodes);
	workflow.connections.Bento = { main: [[{ node: 'List Sent', type: 'main', index: 0 }]] };
	return workflow;
};

module.exports = {
	EMAIL_COUNT,
	expectedEmail,
	sendingScenarios: () => [receipts(), broadcasts()],
};
