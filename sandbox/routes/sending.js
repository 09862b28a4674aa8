'use strict';
// Transactional emails and broadcasts: POST /batch/emails (1 to 60, a bad email refuses the
// whole batch, nothing queued), GET /fetch/broadcasts (one status per page) and
// POST /batch/broadcasts (1 to 100; refused ones listed by index, as Bento's Node SDK reads). A
// broadcast is kept as it came, with a status: a draft without `approved`, else scheduled (with
// `send_at`) or sending.
const { batchOf, entry, invalid, isEmail, isFlat, isObject } = require('./shared');

const MAX_EMAILS = 60;
const MAX_BROADCASTS = 100;
const PAGE_SIZE = 10;
const STATUSES = ['sent', 'draft', 'sending', 'scheduled', 'paused', 'canceled'];
const TYPES = ['plain', 'raw', 'html', 'markdown'];
const EMAIL_KEYS = ['to', 'from', 'subject', 'html_body', 'transactional', 'personalizations'];

const text = (value) => typeof value === 'string' && value.trim() !== '';
// A full time with seconds and an offset (Z or ±HH:MM), as the SDKs show send_at.
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** Why Bento would refuse this email (field, message), or undefined. */
function emailProblem(email) {
	if (!isObject(email)) return ['', 'must be an object'];
	const unknown = Object.keys(email).find((key) => !EMAIL_KEYS.includes(key));
	if (unknown) return [unknown, 'is not a known attribute'];
	if (!isEmail(email.to)) return ['to', 'must be an email address'];
	if (!isEmail(email.from)) return ['from', 'must be an author email address'];
	if (!text(email.subject)) return ['subject', 'is required'];
	if (!text(email.html_body)) return ['html_body', 'is required'];
	if (typeof email.transactional !== 'boolean') return ['transactional', 'must be true or false'];
	const p = email.personalizations;
	if (p !== undefined && (!isObject(p) || !isFlat(p)))
		return ['personalizations', 'must be a flat object'];
	return undefined;
}

/** Why Bento would not create this broadcast, or undefined. */
function broadcastProblem(b) {
	if (!isObject(b)) return 'must be an object';
	for (const key of ['name', 'subject', 'content']) if (!text(b[key])) return `${key} is required`;
	if (!TYPES.includes(b.type)) return `type must be one of ${TYPES.join(', ')}`;
	if (!isObject(b.from) || !isEmail(b.from.email)) return 'from.email must be an author address';
	if (b.from.name !== undefined && typeof b.from.name !== 'string') return 'from.name must be text';
	for (const key of ['inclusive_tags', 'exclusive_tags', 'segment_id'])
		if (b[key] !== undefined && typeof b[key] !== 'string') return `${key} must be text`;
	if (!Number.isInteger(b.batch_size_per_hour) || b.batch_size_per_hour < 1)
		return 'batch_size_per_hour must be a positive whole number';
	if (b.approved !== undefined && typeof b.approved !== 'boolean')
		return 'approved must be true or false';
	if (b.send_at !== undefined && !(typeof b.send_at === 'string' && ISO_TIME.test(b.send_at)))
		return 'send_at must be an ISO 8601 time, e.g. 2024-04-23T18:30:00Z';
	return undefined;
}

/** A stored broadcast's status: Bento keeps one without `approved` as a draft. */
const statusOf = (b) => (b.approved !== true ? 'draft' : b.send_at ? 'scheduled' : 'sending');

/** Some broadcasts of every status, so that paging and the status filter can be seen. */
function seedBroadcasts() {
	const counts = { sent: 23, draft: 2, scheduled: 1, sending: 0, paused: 0, canceled: 1 };
	const list = [];
	for (const [status, count] of Object.entries(counts)) {
		for (let i = 1; i <= count; i++) list.push({ name: `${status} broadcast ${i}`, status });
	}
	return list;
}

function broadcastEntry(b, id) {
	const created_at = new Date(Date.UTC(2024, 0, 1) + id * 86_400_000).toISOString();
	return entry(id, 'broadcasts', {
		name: b.name,
		share_url: `https://sandbox.bentonow.test/broadcasts/${id}`,
		template: { subject: b.subject ?? b.name, to: b.inclusive_tags ?? null, html: b.content ?? '' },
		created_at,
		send_at: b.send_at ?? (b.status === 'draft' ? null : created_at),
		stats: { open_rate: b.status === 'sent' ? 0.42 : 0 },
	});
}

module.exports = {
	MAX_EMAILS,
	PAGE_SIZE,
	init(store) {
		store.emails = [];
		store.broadcasts = seedBroadcasts();
	},
	routes: [
		{
			method: 'POST',
			path: '/batch/emails',
			handle({ body, store, entry: log }) {
				const { list, error } = batchOf(body, 'emails', MAX_EMAILS);
				if (error) return error;
				for (let i = 0; i < list.length; i++) {
					const problem = emailProblem(list[i]);
					if (problem) return invalid(`emails[${i}].${problem[0]}`, problem[1]);
				}
				store.emails.push(...list);
				log.emails = list.length;
				return [200, { results: list.length }];
			},
		},
		{
			method: 'GET',
			path: '/fetch/broadcasts',
			handle({ query, store }) {
				const page = query.page === undefined ? 1 : Number(query.page);
				if (!Number.isInteger(page) || page < 1) return invalid('page', 'must be 1 or more');
				// Like Bento: no status, or one it does not know, lists sent broadcasts.
				const status = STATUSES.includes(query.status) ? query.status : 'sent';
				const matching = [];
				store.broadcasts.forEach((b, i) => b.status === status && matching.push([b, i + 1]));
				const slice = matching.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
				return [200, { data: slice.map(([b, id]) => broadcastEntry(b, id)) }];
			},
		},
		{
			method: 'POST',
			path: '/batch/broadcasts',
			handle({ body, store, entry: log }) {
				const { list, error } = batchOf(body, 'broadcasts', MAX_BROADCASTS);
				if (error) return error;
				const broadcasts = [];
				const failures = [];
				list.forEach((b, index) => {
					const problem = broadcastProblem(b);
					if (problem) return failures.push({ index, name: b?.name ?? null, error: problem });
					store.broadcasts.push({ ...b, status: statusOf(b) });
					const id = store.broadcasts.length;
					broadcasts.push({
						id: String(id),
						template_id: String(1000 + id),
						name: b.name,
						dashboard_url: `https://sandbox.bentonow.test/broadcasts/${id}/edit`,
					});
				});
				log.broadcasts = broadcasts.length;
				return [200, { results: broadcasts.length, failed: failures.length, broadcasts, failures }];
			},
		},
	],
};
