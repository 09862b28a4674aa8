'use strict';
// Workflows and credentials for e2e/trigger.test.js: the Bento Trigger (webhook) with a secret
// and an event-type filter, and the Bento Form Response Trigger polling the stand-in.

const WEBHOOK_SECRET = 'e2e-webhook-secret-0123456789';
const WEBHOOK_ID = 'e2e-bento-trigger-hook';
const FORM_ID = 'newsletter-form';
const CREDENTIAL = { id: 'bentoSandbox01', name: 'Bento sandbox' };
const WEBHOOK_CREDENTIAL = { id: 'bentoWebhook01', name: 'Bento webhook secret' };

function triggerCredentials(sandbox) {
	return [
		{ ...CREDENTIAL, type: 'bentoApi', data: { ...sandbox.keys, baseUrl: sandbox.baseUrl } },
		{
			...WEBHOOK_CREDENTIAL,
			type: 'bentoWebhookApi',
			// Saved as pasted from a password manager (issue 24): Bento sends them without the spaces.
			data: { headerName: ' X-Bento-Secret ', secret: `${WEBHOOK_SECRET} ` },
		},
	];
}

const done = () => ({
	id: 'done',
	name: 'Done',
	type: 'n8n-nodes-base.noOp',
	typeVersion: 1,
	position: [220, 0],
	parameters: {},
});

function oneTrigger(id, name, triggerNode) {
	return {
		id,
		name,
		active: false,
		settings: {},
		nodes: [triggerNode, done()],
		connections: { [triggerNode.name]: { main: [[{ node: 'Done', type: 'main', index: 0 }]] } },
	};
}

/** Bento purchases and sign-ups only; orders_count back as a number. */
const webhookTrigger = () =>
	oneTrigger('e2eTrigger01', 'E2E Bento Trigger', {
		id: 'bento-trigger',
		name: 'Bento Trigger',
		type: 'n8n-nodes-bentonow.bentoTrigger',
		typeVersion: 1,
		position: [0, 0],
		webhookId: WEBHOOK_ID,
		parameters: {
			eventTypes: '$purchase, signed_up',
			fieldTypes: { field: [{ key: 'orders_count', type: 'number' }] },
		},
		credentials: { bentoWebhookApi: WEBHOOK_CREDENTIAL },
	});

/**
 * Polls every 10 seconds, as six poll times a minute: n8n wants at least a minute per poll time
 * (1.x refuses a `*` in the seconds field, 2.x anything but one number there), and the test must
 * not wait minutes for its polls.
 */
const EVERY_10_SECONDS = [0, 10, 20, 30, 40, 50].map((second) => ({
	mode: 'custom',
	cronExpression: `${second} * * * * *`,
}));

const formTrigger = () =>
	oneTrigger('e2eFormTrig01', 'E2E Bento Form Response Trigger', {
		id: 'form-trigger',
		name: 'Form Trigger',
		type: 'n8n-nodes-bentonow.bentoFormResponseTrigger',
		typeVersion: 1,
		position: [0, 0],
		parameters: {
			formId: FORM_ID,
			pollTimes: { item: EVERY_10_SECONDS },
		},
		credentials: { bentoApi: CREDENTIAL },
	});

const triggerWorkflows = () => [webhookTrigger(), formTrigger()];

module.exports = { FORM_ID, WEBHOOK_ID, WEBHOOK_SECRET, triggerCredentials, triggerWorkflows };
