'use strict';
// Subscribers, subscriber commands, tags and fields, checked as strictly as Bento documents them.
const { batchOf, entry, invalid, isEmail, isObject } = require('./shared');
const { deleteTag, search } = require('./audienceSearch');

const MAX_SUBSCRIBERS = 1000;
const MAX_COMMANDS = 100;
const NAMED = new Set(['email', 'first_name', 'last_name', 'tags', 'remove_tags']);
const QUERY = {
	add_tag: 'text',
	add_tag_via_event: 'text',
	remove_tag: 'text',
	add_field: 'keyValue',
	remove_field: 'text',
	subscribe: 'none',
	unsubscribe: 'none',
	change_email: 'email',
};

const isText = (value) => typeof value === 'string' && value.trim() !== '';
const isScalar = (value) => value === null || typeof value !== 'object';
const now = () => new Date().toISOString();

function tagId(store, name) {
	let index = store.tags.findIndex((t) => t.name === name);
	if (index < 0) index = store.tags.push({ name, created_at: now(), discarded_at: null }) - 1;
	return String(index + 1);
}

/** Removes a tag from a subscriber; an unknown tag name is no tag to remove. */
function untag(store, s, name) {
	const id = String(store.tags.findIndex((t) => t.name === name) + 1);
	s.tagIds = s.tagIds.filter((t) => t !== id);
}

function fieldExists(store, key) {
	if (!store.fields.some((f) => f.key === key))
		store.fields.push({ key, name: key, whitelisted: null, created_at: now() });
}

/** The subscriber with this email, created when `create` and missing. */
function subscriber(store, email, create = true) {
	const key = email.toLowerCase();
	let found = store.subscribers.get(key);
	if (!found && create) {
		const n = store.subscribers.size + 1;
		found = {
			id: String(n),
			uuid: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
			email,
			fields: {},
			tagIds: [],
			unsubscribed_at: null,
			created_at: now(),
		};
		store.subscribers.set(key, found);
	}
	return found;
}

function asEntry(s) {
	return entry(s.id, 'visitors', {
		uuid: s.uuid,
		email: s.email,
		fields: s.fields,
		cached_tag_ids: s.tagIds,
		unsubscribed_at: s.unsubscribed_at,
	});
}

function tagNames(value) {
	return String(value)
		.split(',')
		.map((t) => t.trim())
		.filter(Boolean);
}

/** Why Bento would refuse this import record, or undefined. */
function recordProblem(record) {
	if (!isObject(record)) return ['', 'must be an object'];
	if (!isEmail(record.email)) return ['email', 'is not a valid email'];
	for (const key of ['first_name', 'last_name', 'tags', 'remove_tags']) {
		if (record[key] !== undefined && typeof record[key] !== 'string')
			return [key, 'must be a string'];
	}
	for (const [key, value] of Object.entries(record)) {
		if (!NAMED.has(key) && !isScalar(value)) return [key, 'must be a flat value'];
	}
	return undefined;
}

function importRecord(store, record) {
	const s = subscriber(store, record.email);
	for (const [key, value] of Object.entries(record)) {
		if (key === 'email' || key === 'tags' || key === 'remove_tags') continue;
		s.fields[key] = value;
		fieldExists(store, key);
	}
	for (const name of tagNames(record.tags ?? '')) {
		const id = tagId(store, name);
		if (!s.tagIds.includes(id)) s.tagIds.push(id);
	}
	for (const name of tagNames(record.remove_tags ?? '')) untag(store, s, name);
}

/** Why Bento would refuse this command, or undefined. */
function commandProblem(c) {
	if (!isObject(c)) return ['', 'must be an object'];
	const kind = QUERY[c.command];
	if (!kind) return ['command', `unknown command ${JSON.stringify(c.command)}`];
	if (!isEmail(c.email)) return ['email', 'is not a valid email'];
	if (kind === 'text' && !isText(c.query)) return ['query', 'must be a non-empty string'];
	if (kind === 'email' && !isEmail(c.query)) return ['query', 'must be the new email'];
	if (kind === 'keyValue' && !(isObject(c.query) && isText(c.query.key) && isScalar(c.query.value)))
		return ['query', 'must be {key, value}'];
	return undefined;
}

function runCommand(store, c) {
	if (c.command === 'change_email') {
		const s = subscriber(store, c.email, false);
		if (!s) return;
		store.subscribers.delete(c.email.toLowerCase());
		s.email = c.query;
		store.subscribers.set(c.query.toLowerCase(), s);
		return;
	}
	const s = subscriber(store, c.email);
	if (c.command === 'add_tag' || c.command === 'add_tag_via_event') {
		const id = tagId(store, c.query);
		if (!s.tagIds.includes(id)) s.tagIds.push(id);
	} else if (c.command === 'remove_tag') {
		untag(store, s, c.query);
	} else if (c.command === 'add_field') {
		s.fields[c.query.key] = c.query.value;
		fieldExists(store, c.query.key);
	} else if (c.command === 'remove_field') {
		delete s.fields[c.query];
	} else if (c.command === 'subscribe') {
		s.unsubscribed_at = null;
	} else if (c.command === 'unsubscribe') {
		s.unsubscribed_at = now();
	}
}

/** The one object under `body[key]` (`{tag: {name}}`), or undefined. */
const wrapped = (body, key) => (isObject(body) && isObject(body[key]) ? body[key] : undefined);

module.exports = {
	MAX_SUBSCRIBERS,
	MAX_COMMANDS,
	init(store) {
		// `customer` is what the credential test reads.
		store.tags = [{ name: 'customer', created_at: '2024-01-01T00:00:00Z', discarded_at: null }];
		store.fields = [
			{
				key: 'first_name',
				name: 'First Name',
				whitelisted: null,
				created_at: '2024-01-01T00:00:00Z',
			},
		];
		store.subscribers = new Map();
		// Tag deletes as they came ({id, name, restored}); Subscriber Search needs Enterprise.
		store.tagDeletes = [];
		store.enterprise = false;
		// Every import record accepted, in arrival order (subscribers above are upserted by email).
		store.imported = [];
		store.commands = [];
	},
	routes: [
		{
			method: 'GET',
			path: '/fetch/tags',
			handle({ store }) {
				return [200, { data: store.tags.map((t, i) => entry(i + 1, 'tags', t)) }];
			},
		},
		{
			method: 'POST',
			path: '/fetch/tags',
			handle({ body, store }) {
				const tag = wrapped(body, 'tag');
				if (!tag || !isText(tag.name)) return invalid('tag.name', 'is required');
				const id = tagId(store, tag.name.trim());
				return [201, { data: entry(id, 'tags', store.tags[Number(id) - 1]) }];
			},
		},
		{ method: 'DELETE', path: /^\/fetch\/tags\/([^/]+)$/, handle: deleteTag },
		{ method: 'GET', path: '/fetch/search', handle: search },
		{
			method: 'GET',
			path: '/fetch/fields',
			handle({ store }) {
				return [200, { data: store.fields.map((f, i) => entry(i + 1, 'visitors-fields', f)) }];
			},
		},
		{
			method: 'POST',
			path: '/fetch/fields',
			handle({ body, store }) {
				const field = wrapped(body, 'field');
				if (!field || !isText(field.key)) return invalid('field.key', 'is required');
				fieldExists(store, field.key.trim());
				const index = store.fields.findIndex((f) => f.key === field.key.trim());
				return [201, { data: entry(index + 1, 'visitors-fields', store.fields[index]) }];
			},
		},
		{
			method: 'GET',
			path: '/fetch/subscribers',
			handle({ query, store }) {
				const { email, uuid } = query;
				if (!email === !uuid) return invalid('email', 'give exactly one of email or uuid');
				const found = email
					? subscriber(store, email, false)
					: [...store.subscribers.values()].find((s) => s.uuid === uuid);
				// Bento answers an unknown subscriber with no data, not a 404.
				return [200, { data: found ? asEntry(found) : null }];
			},
		},
		{
			method: 'POST',
			path: '/fetch/subscribers',
			handle({ body, store }) {
				const s = wrapped(body, 'subscriber');
				if (!s || !isEmail(s.email)) return invalid('subscriber.email', 'is not a valid email');
				return [200, { data: asEntry(subscriber(store, s.email)) }];
			},
		},
		{
			method: 'POST',
			path: '/batch/subscribers',
			handle({ body, store, entry: logEntry }) {
				const { list, error } = batchOf(body, 'subscribers', MAX_SUBSCRIBERS);
				if (error) return error;
				for (let i = 0; i < list.length; i++) {
					const problem = recordProblem(list[i]);
					if (problem) return invalid(`subscribers[${i}].${problem[0]}`, problem[1]);
				}
				for (const record of list) {
					store.imported.push(record);
					importRecord(store, record);
				}
				logEntry.events = list.length;
				return [200, { results: list.length }];
			},
		},
		{
			method: 'POST',
			path: '/fetch/commands',
			handle({ body, store, entry: logEntry }) {
				const { list, error } = batchOf(body, 'command', MAX_COMMANDS);
				if (error) return error;
				for (let i = 0; i < list.length; i++) {
					const problem = commandProblem(list[i]);
					if (problem) return invalid(`command[${i}].${problem[0]}`, problem[1]);
				}
				for (const c of list) {
					store.commands.push(c);
					runCommand(store, c);
				}
				logEntry.events = list.length;
				return [200, { results: list.length }];
			},
		},
	],
};
