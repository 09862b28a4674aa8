'use strict';
// Plays Bento's side of the Bento Trigger: renders the Send webhook body the trigger's panel
// shows (BODY_TEMPLATE, from the build) for a sample person, as Bento's Liquid would, and POSTs
// it to a URL with the secret header. Only the Liquid the template uses: `{{ a.b }}`,
// `{{ a.b | json }}` and `| default: "x"`. Liquid pastes a value into the text as it is: inside
// JSON quotes, a quote or a line break in the value breaks the body, as it does from Bento.
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
 * The `json` filter as Ruby's (ActiveSupport's) JSON encoder writes it: JSON, with `<`, `>`, `&`
 * and the line and paragraph separators escaped as \uXXXX (still the same value once parsed).
 */
function toLiquidJson(value) {
	return JSON.stringify(value ?? null).replace(
		/[<>&\u2028\u2029]/g,
		(char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
	);
}

/** Liquid's plain output: nil as "", a list as its items run together, anything else as text. */
function toLiquidText(value) {
	if (value === undefined || value === null) return '';
	if (Array.isArray(value)) return value.map(toLiquidText).join('');
	return String(value);
}

/**
 * Renders `template` against `context` like Liquid: `{{ x }}` pastes the value as raw text (a
 * missing value as "", or the `default:`), whatever surrounds it; `{{ x | json }}` writes a JSON
 * value (`null` for a missing one).
 */
function renderLiquid(template, context) {
	return template.replace(/\{\{\s*([\w.]+)\s*((?:\|[^}]*)?)\}\}/g, (_all, name, filters) => {
		let value = lookup(context, name);
		for (const filter of filters
			.split('|')
			.map((f) => f.trim())
			.filter(Boolean)) {
			const colon = filter.indexOf(':');
			const fname = (colon < 0 ? filter : filter.slice(0, colon)).trim();
			const arg = colon < 0 ? '' : filter.slice(colon + 1).trim();
			if (fname === 'default' && (value === undefined || value === null || value === ''))
				value = arg.replace(/^["']|["']$/g, '');
			// Later filters would see JSON text; the template uses `json` last.
			if (fname === 'json') return toLiquidJson(value);
		}
		return toLiquidText(value);
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
 * header (default X-Bento-Secret), context (overrides merged into SAMPLE per top-level key),
 * template (a Liquid body; default the panel's BODY_TEMPLATE).
 * Resolves with { status, body (text), sent (the rendered body text) }.
 */
async function sendWebhook(
	url,
	{ secret, header = 'X-Bento-Secret', context = {}, template } = {},
) {
	const merged = { ...SAMPLE };
	for (const [key, value] of Object.entries(context)) merged[key] = { ...SAMPLE[key], ...value };
	const sent = renderLiquid(template ?? bodyTemplate(), merged);
	const headers = { 'Content-Type': 'application/json' };
	if (secret !== undefined) headers[header] = secret;
	const res = await fetch(url, { method: 'POST', headers, body: sent });
	return { status: res.status, body: await res.text(), sent };
}

module.exports = { SAMPLE, renderLiquid, bodyTemplate, sendWebhook };
