import { mockEndpoint, type Reply } from './mockEndpoint';

/** A batch endpoint that answers like Bento, `{results: n}` for the n records under `key`. */
export function mockBatch(path: string, key: string, replies: Reply[] = []) {
	return mockEndpoint('POST', path, (request, n) => {
		const list = (request.body?.[key] ?? []) as unknown[];
		return replies[Math.min(n, replies.length - 1)] ?? [200, { results: list.length }];
	});
}

/** Bento's subscriber envelope. */
export function bentoSubscriber(id: number, email: string, extra: Record<string, unknown> = {}) {
	return {
		id: String(id),
		type: 'visitors',
		attributes: {
			uuid: `uuid-${id}`,
			email,
			fields: { first_name: 'Ann' },
			cached_tag_ids: ['1'],
			unsubscribed_at: null,
			...extra,
		},
	};
}

/** Bento's tag envelope (`GET /fetch/tags`, `POST /fetch/tags`). */
export const bentoTag = (id: number, name: string) => ({
	id: String(id),
	type: 'tags',
	attributes: { name, created_at: '2024-01-01T00:00:00Z', discarded_at: null, site_id: 9 },
});

/** Bento's field envelope (`GET /fetch/fields`, `POST /fetch/fields`). */
export const bentoField = (id: number, key: string) => ({
	id: String(id),
	type: 'visitors-fields',
	attributes: { name: key, key, whitelisted: null, created_at: '2024-01-01T00:00:00Z' },
});
