'use strict';
// POST /data_deletion_requests: queues the erasure of one person on the site. Bento's docs show a
// form-encoded body (`data_deletion_request[email]=...`); the node sends the same keys as JSON.
// Both arrive here as `{data_deletion_request: {email}}` (the server parses either).
const { isEmail, isObject } = require('./shared');

const DAILY_LIMIT = 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Whether Bento knows this person: a subscriber, or the email of an event it accepted. */
function knows(store, email) {
	const key = email.toLowerCase();
	return (
		store.subscribers?.has(key) === true ||
		(store.events ?? []).some((e) => String(e.email).toLowerCase() === key)
	);
}

/** Anonymises the person: the subscriber goes, and the events keep no email. */
function erase(store, email) {
	const key = email.toLowerCase();
	store.subscribers?.delete(key);
	for (const e of store.events ?? []) {
		if (String(e.email).toLowerCase() === key) e.email = 'anonymized@bento.invalid';
	}
}

module.exports = {
	DAILY_LIMIT,
	init(store) {
		// Each accepted request: {email, at, contentType}; `deletionDay` counts today's requests.
		store.deletionRequests = [];
		store.deletionDay = { start: 0, count: 0 };
	},
	routes: [
		{
			method: 'POST',
			path: '/data_deletion_requests',
			handle({ body, store, contentType }) {
				const now = Date.now();
				const day = store.deletionDay;
				if (now - day.start >= DAY_MS) Object.assign(day, { start: now, count: 0 });
				day.count += 1;
				if (day.count > DAILY_LIMIT)
					return [429, { error: `Daily limit of ${DAILY_LIMIT} data deletion requests reached` }];
				const request = isObject(body) ? body.data_deletion_request : undefined;
				const email = isObject(request) ? request.email : undefined;
				if (!isEmail(email))
					return [422, { error: 'data_deletion_request[email] must be a valid email' }];
				if (!knows(store, email)) return [404, { error: 'visitor_not_found' }];
				erase(store, email);
				store.deletionRequests.push({ email, at: new Date(now).toISOString(), contentType });
				return [202, { status: 'queued_for_anonymization' }];
			},
		},
	],
};
