'use strict';
// Plays Bento's side of the Bento Trigger: renders the Send webhook body the trigger's panel
// shows (BODY_TEMPLATE, from the build) for a sample person, as Bento's Liquid would, and POSTs
// it to a URL with the secret header. Only the Liquid the template uses: `{{ a.b }}`,
// `{{ a.b | json }}` and `| default: "x"`.
const path = require('node:path');

/** A sample person, event and workflow, shaped like the Liquid variables Bento offers. */
const SAMPLE = {
	visitor: {
		email: 'ann@example.com',
		uuid: 'visitor-uuid-0001',
		first_name: 'Ann',
		last_name: '',
		tags: 'customer,vip',
		company: 'Acme',
	},
	event: {
		type: '$purchase',
		details: { unique: { key: 'order-1001' }, value: { currency: 'USD', amount: 4200 } },
	},
	workflow: { name: 'Purchase follow-up' },
};

function lookup(context, dotted) {
	return dotted
		.split('.')
		.reduce((value, key) => (value == null ? undefined : value[key]), context);
}

/**
 * Renders `template` against `context` like Liquid: a missing value renders as "" (or the
 * `default:`), `| json` renders JSON (`null` for a missing value), anything else as text.
 */
function renderLiquid(template, context) {
	return template.replace(/\{\{\s*([\w.]+)\s*((?:\|[^}]*)?)\}\}/g, (_all, name, filters) => {
		let value = lookup(context, name);
		for (const filter of filters
			.split('|')
			.map((f) => f.trim())
			.filter(Boolean)) {
			const [fname, arg] = filter.split(':').map((part) => part.trim());
			if (fname === 'default' && (value === undefined || value === null || value === ''))
				value = arg.replace(/^["']|["']$/g, '');
			if (fname === 'json') return JSON.stringify(value ?? null);
		}
		return value === undefined || value === null ? '' : String(value);
	});
}

/** The body template the trigger's panel shows, from the build (run `npm run build` first). */
function bodyTemplate() {
	const built = path.resolve(__dirname, '../dist/nodes/BentoTrigger/template.js');
	try {
		return require(built).BODY_TEMPLATE;
	} catch {
		throw new Error(`${built} not found: run npm run build first`);
	}
}

/**
 * POSTs the rendered body to `url`, as Bento's Send webhook action would. Options: secret,
 * header (default X-Bento-Secret), context (overrides merged into SAMPLE per top-level key).
 * Resolves with { status, body (text), sent (the rendered body text) }.
 */
async function sendWebhook(url, { secret, header = 'X-Bento-Secret', context = {} } = {}) {
	const merged = { ...SAMPLE };
	for (const [key, value] of Object.entries(context)) merged[key] = { ...SAMPLE[key], ...value };
	const sent = renderLiquid(bodyTemplate(), merged);
	const headers = { 'Content-Type': 'application/json' };
	if (secret !== undefined) headers[header] = secret;
	const res = await fetch(url, { method: 'POST', headers, body: sent });
	return { status: res.status, body: await res.text(), sent };
}

module.exports = { SAMPLE, renderLiquid, bodyTemplate, sendWebhook };
