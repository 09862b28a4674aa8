import type { IDataObject } from 'n8n-workflow';

/** Bento's JSON:API entry `{id, type, attributes: {...}}` as one flat object `{id, ...}`. */
export function flattenEntry(entry: IDataObject): IDataObject {
	const attributes = entry?.attributes;
	if (typeof attributes !== 'object' || attributes === null) return entry;
	return { id: entry.id, ...(attributes as IDataObject) };
}

/** A subscriber as n8n users expect it, from Bento's `{id, type, attributes}` envelope. */
export function flattenSubscriber(entry: IDataObject): IDataObject {
	const a = (entry.attributes ?? {}) as IDataObject;
	return {
		id: entry.id,
		uuid: a.uuid,
		email: a.email,
		fields: a.fields ?? {},
		tags: a.cached_tag_ids ?? [],
		unsubscribed_at: a.unsubscribed_at ?? null,
	};
}

// The attributes flattenSubscriber already puts out (cached_tag_ids as `tags`).
const SUBSCRIBER_KEYS = new Set(['uuid', 'email', 'fields', 'cached_tag_ids', 'unsubscribed_at']);

/**
 * flattenSubscriber's six keys first, then every other attribute Bento sent (undocumented ones
 * too): the full answer, of which Simplify keeps the six.
 */
export function flattenSubscriberFully(entry: IDataObject): IDataObject {
	const attributes = (entry.attributes ?? {}) as IDataObject;
	const others = Object.entries(attributes).filter(([key]) => !SUBSCRIBER_KEYS.has(key));
	return { ...flattenSubscriber(entry), ...Object.fromEntries(others) };
}
