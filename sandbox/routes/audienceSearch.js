'use strict';
// Tag delete and subscriber search, on the tags and subscribers of audience.js.
// - DELETE /fetch/tags/:id with {tag: {name}} (Bento's Node SDK): discards the tag. The SDK calls
//   it "deletes or restores": a DELETE of a discarded tag restores it here, so that a DELETE sent
//   twice shows.
// - GET /fetch/search (Bento's docs): Enterprise accounts only; filters `created_at`,
//   `updated_at`, `last_event_at`, `unsubscribed_at`, each {gt, lt}, documented in a JSON body on
//   the GET; read from the body or the query (`created_at[gt]`), as Rails reads both (n8n sends
//   no body with a GET); 100 a page, newest first. Bento's answer to an account
//   without Enterprise is not documented: the stand-in answers 403 with words naming the plan
//   (`store.enterprise`, set by the `enterprise` option or POST /__sandbox/enterprise).
const { entry, invalid, isObject } = require('./shared');

const SEARCH_PAGE_SIZE = 100;
const DATE_FILTERS = ['created_at', 'updated_at', 'last_event_at', 'unsubscribed_at'];
const NOT_ENTERPRISE = 'Search is only available on the Enterprise plan. Contact Bento to upgrade.';

function deleteTag({ body, params, store }) {
	const index = Number(params[0]) - 1;
	const tag = Number.isInteger(index) ? store.tags[index] : undefined;
	if (!tag) return [404, { error: 'Tag not found' }];
	const name = isObject(body) && isObject(body.tag) ? body.tag.name : undefined;
	if (typeof name !== 'string' || name.trim() === '') return invalid('tag.name', 'is required');
	if (name !== tag.name) return [422, { error: `Tag ${params[0]} is not named ${name}` }];
	store.tagDeletes.push({ id: params[0], name, restored: tag.discarded_at !== null });
	if (tag.discarded_at !== null) {
		tag.discarded_at = null;
		return [200, { message: `Tag (${name}) restored successfully` }];
	}
	tag.discarded_at = new Date().toISOString();
	return [200, { message: `Tag (${name}) deleted successfully` }];
}

/** The search's filters: the JSON body's when it has any, else the query's (`created_at[gt]`). */
function filtersOf(body, query) {
	const filters = {};
	for (const key of DATE_FILTERS) {
		const fromBody = isObject(body) ? body[key] : undefined;
		const range = isObject(fromBody)
			? fromBody
			: { gt: query[`${key}[gt]`], lt: query[`${key}[lt]`] };
		for (const side of ['gt', 'lt']) {
			if (range[side] === undefined) continue;
			if (Number.isNaN(Date.parse(range[side]))) return { error: `${key}.${side} is not a date` };
			filters[key] = { ...filters[key], [side]: Date.parse(range[side]) };
		}
	}
	return { filters };
}

function matches(subscriber, filters) {
	return Object.entries(filters).every(([key, { gt, lt }]) => {
		const at = subscriber[key] ? Date.parse(subscriber[key]) : undefined;
		if (at === undefined) return false;
		return (gt === undefined || at > gt) && (lt === undefined || at < lt);
	});
}

function search({ body, query, store, entry: logEntry }) {
	if (!store.enterprise) return [403, { error: NOT_ENTERPRISE }];
	const { filters, error } = filtersOf(body, query);
	if (error) return invalid('search', error);
	const page = Math.max(1, Number.parseInt((isObject(body) && body.page) || query.page || '1', 10));
	// What the search asked, for tests.
	logEntry.search = { page, filters: Object.keys(filters) };
	const found = [...store.subscribers.values()]
		.filter((s) => matches(s, filters))
		.sort((a, b) => Number(b.id) - Number(a.id));
	const slice = found.slice((page - 1) * SEARCH_PAGE_SIZE, page * SEARCH_PAGE_SIZE);
	const data = slice.map((s) =>
		entry(s.id, 'visitors', {
			uuid: s.uuid,
			email: s.email,
			fields: s.fields,
			cached_tag_ids: s.tagIds,
			unsubscribed_at: s.unsubscribed_at,
			navigation_url: `https://app.bentonow.com/visitors/${s.uuid}`,
		}),
	);
	return [200, { data, meta: { page, query: {} } }];
}

module.exports = { SEARCH_PAGE_SIZE, deleteTag, search };
