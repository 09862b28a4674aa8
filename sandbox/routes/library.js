'use strict';
// Stats, sequences, workflows, email templates, segments, form responses and the experimental
// utility checks. Lists are paged by `page` like Bento's (PAGE_SIZE entries a page); /stats has
// its own limit of 60 requests per hour, as Bento documents.
const { entry, invalid, isEmail, isObject } = require('./shared');

const PAGE_SIZE = 10;
const STATS_PER_HOUR = 60;
const HOUR_MS = 3_600_000;
const DELAY_INTERVALS = new Set(['minutes', 'hours', 'days', 'months']);
const TEMPLATE_KEYS = new Set([
	'subject',
	'html',
	'inbox_snippet',
	'delay_interval',
	'delay_interval_count',
	'editor_choice',
	'cc',
	'bcc',
	'to',
]);
const FREE_PROVIDERS = new Set(['gmail.com', 'yahoo.com', 'hotmail.com', 'outlook.com']);
const PROFANITY = /\b(damn|crap)\b/i;
const GENDERS = { jesse: ['male', 0.62], ann: ['female', 0.98], bob: ['male', 0.99] };
const LOCATIONS = {
	'203.0.113.7': {
		ip: '203.0.113.7',
		city_name: 'Melbourne',
		country_code2: 'AU',
		region_name: 'Victoria',
		latitude: -37.81,
		longitude: 144.96,
	},
};
const LISTED = new Set(['spam.example', '198.51.100.66']);
// /stats/ads as Bento's Node SDK documents it: its dimensions and revenue modes.
const AD_DIMENSIONS = new Set(['source', 'campaign', 'medium', 'content', 'ad']);
const REVENUE_MODES = new Set(['all_revenue', 'first_revenue', 'subscriptions']);
const DAY = /^\d{4}-\d{2}-\d{2}$/;

const templateSummary = (t) => ({ id: t.id, subject: t.subject, stats: t.stats });
const notFound = (what) => [404, { error: `${what} not found` }];

function seed(store) {
	let templateId = 1000;
	const template = (subject) => {
		templateId += 1;
		const t = {
			id: templateId,
			name: subject,
			subject,
			html: `<p>${subject}</p>`,
			created_at: '2024-01-01T00:00:00Z',
			stats: { opened: 0 },
		};
		store.templates.set(String(t.id), t);
		return t;
	};
	const summary = templateSummary;
	store.templates = new Map();
	// 23 sequences and 12 workflows: three and two pages.
	store.sequences = Array.from({ length: 23 }, (_, i) => ({
		id: `sequence_${i + 1}`,
		name: `Sequence ${i + 1}`,
		created_at: '2024-01-01T00:00:00Z',
		email_templates: [summary(template(`Sequence ${i + 1}, email 1`))],
	}));
	store.workflows = Array.from({ length: 12 }, (_, i) => ({
		id: `workflow_${i + 1}`,
		name: `Workflow ${i + 1}`,
		status: i % 3 === 0 ? 'draft' : 'live',
		created_at: '2024-01-01T00:00:00Z',
		email_templates: [summary(template(`Workflow ${i + 1}, email 1`))],
	}));
	store.segments = [
		{ id: 'seg_1', name: 'Customers', description: 'Bought once', counts: [120, 100, 20] },
		{ id: 'seg_2', name: 'Trial users', description: 'On a trial', counts: [45, 40, 5] },
		{ id: 'seg_3', name: 'Churned', description: 'Cancelled', counts: [30, 0, 30] },
	];
	store.reports = {
		rep_1: {
			report_name: 'Sign-ups per week',
			report_type: 'subscribers',
			chart_style: 'line',
			data: [
				{ g: 'signups', x: '2024-05-01', y: 12 },
				{ g: 'signups', x: '2024-05-08', y: 17 },
			],
		},
	};
	store.responses = {
		'newsletter-form': [
			{ uuid: 'r-1', data: { email: 'ann@example.com', answer: 'Yes' } },
			{ uuid: 'r-2', data: { email: 'bob@example.com', answer: 'No' } },
		],
	};
	store.statsWindow = { start: 0, count: 0 };
}

function page(list, query, type) {
	const number = Math.max(1, Number.parseInt(query.page ?? '1', 10) || 1);
	const slice = list.slice((number - 1) * PAGE_SIZE, number * PAGE_SIZE);
	return [200, { data: slice.map(({ id, ...attributes }) => entry(id, type, attributes)) }];
}

/** Bento's /stats limit: 60 requests an hour per site. */
function statsLimited(store) {
	const now = Date.now();
	const window = store.statsWindow;
	if (now - window.start >= HOUR_MS) Object.assign(window, { start: now, count: 0 });
	window.count += 1;
	return window.count > STATS_PER_HOUR;
}

function stats(handle) {
	return (request) => {
		if (statsLimited(request.store))
			return [429, { error: `Rate limit exceeded: ${STATS_PER_HOUR} requests per hour for stats` }];
		return handle(request);
	};
}

const counts = ([users, subscribers, unsubscribers]) => ({
	user_count: users,
	subscriber_count: subscribers,
	unsubscriber_count: unsubscribers,
});

/** Experimental inputs, read from the JSON body or the query (sources disagree; Bento merges them). */
const inputs = ({ body, query }) => ({ ...query, ...(isObject(body) ? body : {}) });

function templateAnswer(t) {
	return [200, { data: entry(t.id, 'email_templates', { ...t, id: undefined }) }];
}

function blacklist(request) {
	const { domain, ip } = inputs(request);
	if (!domain && !ip) return invalid('domain', 'domain or ip is required');
	const target = domain ?? ip;
	const hit = LISTED.has(target);
	return [
		200,
		{
			query: target,
			description: hit ? 'Listed on at least one blacklist' : 'Not listed',
			results: {
				spamhaus: hit,
				sorbs: false,
				abusix: false,
				nordspam: false,
				spfbl: false,
				just_registered: false,
			},
		},
	];
}

/** GET /stats/ads: a fixed breakdown by the dimension asked, checked as the SDK types it. */
function adsStats({ query, entry: logEntry }) {
	// What was asked, for tests (the log keeps no query otherwise).
	const { site_uuid: _site, ...asked } = query;
	logEntry.query = asked;
	const dimension = query.dimension ?? 'source';
	if (!AD_DIMENSIONS.has(dimension)) return invalid('dimension', 'is not a dimension');
	const mode = query.revenue_mode ?? 'all_revenue';
	if (!REVENUE_MODES.has(mode)) return invalid('revenue_mode', 'is not a revenue mode');
	for (const key of ['start_date', 'end_date'])
		if (query[key] !== undefined && !DAY.test(query[key])) return invalid(key, 'is not a date');
	const rows = [
		['youtube', 42, 8, 129900],
		['newsletter', 10, 1, 4900],
	].filter(([key]) => query.value === undefined || key === query.value);
	const breakdown = rows.map(([key, signups, customers, cents]) => ({
		key,
		label: key,
		signups,
		customers,
		customerRate: Math.round((customers / signups) * 100),
		revenueCents: cents,
		revenueCurrency: 'USD',
	}));
	const sum = (k) => breakdown.reduce((total, row) => total + row[k], 0);
	return [
		200,
		{
			dimension,
			dimensionLabel: dimension[0].toUpperCase() + dimension.slice(1),
			attribution: { mode: 'last_click', modeLabel: 'Last Click', windowDays: 7 },
			revenueMode: { mode, label: mode.replace('_', ' ') },
			totals: {
				signups: sum('signups'),
				customers: sum('customers'),
				revenueCents: sum('revenueCents'),
			},
			chartData: [],
			breakdown,
			revenueTruncated: false,
		},
	];
}

module.exports = {
	PAGE_SIZE,
	init: seed,
	routes: [
		{
			method: 'GET',
			path: '/stats/site',
			handle: stats(() => [200, counts([195, 140, 55])]),
		},
		{
			method: 'GET',
			path: '/stats/segment',
			handle: stats(({ query, store }) => {
				if (!query.segment_id) return invalid('segment_id', 'is required');
				const segment = store.segments.find((s) => s.id === query.segment_id);
				return segment ? [200, counts(segment.counts)] : notFound('Segment');
			}),
		},
		{
			method: 'GET',
			path: '/stats/report',
			handle: stats(({ query, store }) => {
				if (!query.report_id) return invalid('report_id', 'is required');
				const report = store.reports[query.report_id];
				return report ? [200, report] : notFound('Report');
			}),
		},
		{ method: 'GET', path: '/stats/ads', handle: stats(adsStats) },
		{
			method: 'GET',
			path: '/fetch/sequences',
			handle: ({ query, store }) => page(store.sequences, query, 'sequences'),
		},
		{
			method: 'POST',
			path: /^\/fetch\/sequences\/([^/]+)\/emails\/templates$/,
			handle({ body, params, store }) {
				const sequence = store.sequences.find((s) => s.id === params[0]);
				if (!sequence) return notFound('Sequence');
				const fields = isObject(body) ? body.email_template : undefined;
				if (!isObject(fields)) return invalid('email_template', 'must be an object');
				const unknown = Object.keys(fields).find((k) => !TEMPLATE_KEYS.has(k));
				if (unknown) return invalid(unknown, 'is not a template field');
				for (const key of ['subject', 'html'])
					if (typeof fields[key] !== 'string' || fields[key] === '')
						return invalid(key, 'is required');
				if (fields.delay_interval !== undefined && !DELAY_INTERVALS.has(fields.delay_interval))
					return invalid('delay_interval', 'must be minutes, hours, days or months');
				const id = Math.max(...store.templates.keys()) + 1;
				const template = {
					id,
					name: fields.subject,
					...fields,
					created_at: new Date().toISOString(),
					stats: null,
				};
				store.templates.set(String(id), template);
				sequence.email_templates.push(templateSummary(template));
				return templateAnswer(template);
			},
		},
		{
			method: 'GET',
			path: '/fetch/workflows',
			handle: ({ query, store }) => page(store.workflows, query, 'workflows'),
		},
		{
			method: 'GET',
			path: /^\/fetch\/emails\/templates\/([^/]+)$/,
			handle({ params, store }) {
				const template = store.templates.get(params[0]);
				return template ? templateAnswer(template) : notFound('Email template');
			},
		},
		{
			method: 'PATCH',
			path: /^\/fetch\/emails\/templates\/([^/]+)$/,
			handle({ body, params, store }) {
				const template = store.templates.get(params[0]);
				if (!template) return notFound('Email template');
				const changes = isObject(body) ? body.email_template : undefined;
				if (!isObject(changes) || Object.keys(changes).length === 0)
					return invalid('email_template', 'must hold subject and/or html');
				for (const [key, value] of Object.entries(changes)) {
					if (key !== 'subject' && key !== 'html') return invalid(key, 'cannot be changed');
					if (typeof value !== 'string' || value === '') return invalid(key, 'must be text');
				}
				Object.assign(template, changes);
				return templateAnswer(template);
			},
		},
		{
			// Answers every segment at once and ignores `page` (documented without paging).
			method: 'GET',
			path: '/fetch/segments',
			handle: ({ store }) => [
				200,
				{ data: store.segments.map(({ id, counts: _c, ...rest }) => entry(id, 'segments', rest)) },
			],
		},
		{
			method: 'GET',
			path: /^\/fetch\/segments\/([^/]+)$/,
			handle({ params, store }) {
				const segment = store.segments.find((s) => s.id === params[0]);
				if (!segment) return notFound('Segment');
				const { id, counts: _c, ...rest } = segment;
				return [200, { data: entry(id, 'segments', rest) }];
			},
		},
		{
			method: 'GET',
			path: '/fetch/responses',
			handle({ query, store }) {
				if (!query.id) return invalid('id', 'is required');
				const list = (store.responses[query.id] ?? []).map((r, i) => ({
					id: `${query.id}-${i + 1}`,
					...r,
				}));
				// Bento documents one answer with every response; the stand-in pages when asked to
				// (`page`), so that readers which page (the form trigger) are tested against both.
				if (query.page !== undefined) return page(list, query, 'responses');
				return [200, { data: list.map(({ id, ...r }) => entry(id, 'responses', r)) }];
			},
		},
		{
			method: 'POST',
			path: '/experimental/validation',
			handle(request) {
				const { email } = inputs(request);
				if (!email) return invalid('email', 'is required');
				return [200, { valid: isEmail(email) && !email.endsWith('.invalid') }];
			},
		},
		{
			method: 'POST',
			path: '/experimental/jesses_ruleset',
			handle(request) {
				const { email, block_free_providers: blockFree } = inputs(request);
				if (!email) return invalid('email', 'is required');
				const reasons = [];
				if (!isEmail(email)) reasons.push('Email is not valid');
				const domain = String(email).split('@')[1] ?? '';
				if ((blockFree === true || blockFree === 'true') && FREE_PROVIDERS.has(domain))
					reasons.push('Email provider is free');
				return [200, { valid: reasons.length === 0, reasons }];
			},
		},
		{
			method: 'POST',
			path: '/experimental/content_moderation',
			handle(request) {
				const { content } = inputs(request);
				if (typeof content !== 'string' || content === '') return invalid('content', 'is required');
				const flagged = PROFANITY.test(content);
				return [
					200,
					{
						valid: !flagged,
						reasons: flagged ? ['profanity'] : [],
						safe_original_content: content.replace(new RegExp(PROFANITY, 'gi'), '****'),
					},
				];
			},
		},
		{
			method: 'POST',
			path: '/experimental/gender',
			handle(request) {
				const { name } = inputs(request);
				if (!name) return invalid('name', 'is required');
				const [gender, confidence] = GENDERS[String(name).toLowerCase()] ?? ['unknown', null];
				return [200, { gender, confidence }];
			},
		},
		{
			// Bento now answers `{}` for most addresses.
			method: 'GET',
			path: '/experimental/geolocation',
			handle({ query }) {
				if (!query.ip) return invalid('ip', 'is required');
				return [200, LOCATIONS[query.ip] ?? {}];
			},
		},
		{ method: 'GET', path: '/experimental/blacklist', handle: blacklist },
		{ method: 'GET', path: '/experimental/blacklist.json', handle: blacklist },
	],
};
