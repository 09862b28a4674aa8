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
