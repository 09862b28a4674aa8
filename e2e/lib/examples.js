'use strict';
const fs = require('node:fs');
const path = require('node:path');

const { ROOT } = require('./n8n');

const EXAMPLES_DIR = path.join(ROOT, 'examples');

/** The importable example workflows in examples/, parsed. */
function loadExamples() {
	return fs
		.readdirSync(EXAMPLES_DIR)
		.filter((file) => file.endsWith('.json'))
		.sort()
		.map((file) => JSON.parse(fs.readFileSync(path.join(EXAMPLES_DIR, file), 'utf8')));
}

/** The credential the examples use ("Bento sandbox"), pointed at a running sandbox. */
function sandboxCredential(sandbox) {
	return {
		id: 'bentoSandbox01',
		name: 'Bento sandbox',
		type: 'bentoApi',
		data: { ...sandbox.keys, baseUrl: sandbox.baseUrl },
	};
}

/** A local secret for the Bento Trigger example (dev and editor only, never a real one). */
const DEV_WEBHOOK_SECRET = 'dev-only-bento-webhook-secret';

/** The Bento Trigger example's credential ("Bento webhook secret"), with DEV_WEBHOOK_SECRET. */
function webhookCredential() {
	return {
		id: 'bentoWebhook01',
		name: 'Bento webhook secret',
		type: 'bentoWebhookApi',
		data: { headerName: 'X-Bento-Secret', secret: DEV_WEBHOOK_SECRET },
	};
}

module.exports = { DEV_WEBHOOK_SECRET, loadExamples, sandboxCredential, webhookCredential };
