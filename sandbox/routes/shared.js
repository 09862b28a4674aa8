'use strict';
// Checks the stand-in's routes share: how Bento validates the values it is given.

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function isObject(value) {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isFlat(value) {
	return Object.values(value).every((v) => v === null || typeof v !== 'object');
}

function isEmail(value) {
	return typeof value === 'string' && EMAIL.test(value);
}

/** A 400 answer in Bento's `{errors: [{field, message}]}` shape. */
function invalid(field, message) {
	return [400, { errors: [{ field, message }] }];
}

/** The list in `body[key]` when it is an array of 1 to `max` entries; else a 400 answer. */
function batchOf(body, key, max) {
	const list = isObject(body) ? body[key] : undefined;
	if (!Array.isArray(list) || list.length < 1 || list.length > max)
		return { error: invalid(key, `must be an array of 1 to ${max} entries`) };
	return { list };
}

/** A JSON:API entry as Bento lists them. */
function entry(id, type, attributes) {
	return { id: String(id), type, attributes };
}

/**
 * A form-encoded body as Rails reads it: `a[b]=1&c=2` -> `{a: {b: '1'}, c: '2'}` (one level of
 * brackets, which is all Bento's form-encoded endpoints use).
 */
function parseForm(text) {
	const result = {};
	for (const [name, value] of new URLSearchParams(text)) {
		const nested = /^([^[\]]+)\[([^[\]]+)\]$/.exec(name);
		if (!nested) result[name] = value;
		else
			result[nested[1]] = {
				...(isObject(result[nested[1]]) ? result[nested[1]] : {}),
				[nested[2]]: value,
			};
	}
	return result;
}

module.exports = { isObject, isFlat, isEmail, invalid, batchOf, entry, parseForm };
