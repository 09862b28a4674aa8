import nock from 'nock';

import { mockBento } from '../../helpers/mockSending';
import { runBentoNode, TEST_CREDENTIALS } from '../../helpers/runNode';

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

const listing = (status = 'sent', extra: Record<string, unknown> = {}) => ({
	resource: 'broadcast',
	operation: 'getAll',
	status,
	options: { retryDelay: 0 },
	...extra,
});

// Bento's answer: `total` broadcasts, 10 per page, as JSON:API entries.
const pages =
	(total: number) => (_body: Record<string, unknown>, query: Record<string, string>) => {
		const page = Number(query.page);
		const ids = Array.from({ length: total }, (_, i) => i + 1).slice((page - 1) * 10, page * 10);
		return {
			data: ids.map((id) => ({
				id: String(id),
				type: 'broadcasts',
				attributes: {
					name: `News ${id}`,
					template: { subject: `S${id}` },
					stats: { open_rate: 0.5 },
				},
			})),
		};
	};

describe('Broadcasts: Get Many', () => {
	it('Return All reads page after page until an empty one, with the status', async () => {
		const { requests } = mockBento('GET', '/fetch/broadcasts', [], pages(23));
		const { outputs, error } = await runBentoNode({
			parameters: listing('draft', { returnAll: true }),
			items: [{}],
		});
		expect(error).toBeUndefined();
		expect(requests.map((r) => r.query)).toEqual(
			[1, 2, 3, 4].map((page) => ({
				status: 'draft',
				page: String(page),
				site_uuid: TEST_CREDENTIALS.siteUuid,
			})),
		);
		expect(requests.every((r) => r.rawQuery.split('site_uuid=').length === 2)).toBe(true);
		expect(outputs[0]).toHaveLength(23);
		expect(outputs[0][0]).toEqual({
			json: { id: '1', name: 'News 1', template: { subject: 'S1' }, stats: { open_rate: 0.5 } },
			pairedItem: { item: 0 },
		});
	});

	it('Limit stops reading as soon as it has enough; sent is the default status', async () => {
		const { requests } = mockBento('GET', '/fetch/broadcasts', [], pages(23));
		const { outputs } = await runBentoNode({
			parameters: { resource: 'broadcast', operation: 'getAll', limit: 15 },
			items: [{}],
		});
		expect(requests.map((r) => [r.query.status, r.query.page])).toEqual([
			['sent', '1'],
			['sent', '2'],
		]);
		expect(outputs[0].map((i) => i.json.id)).toEqual(
			Array.from({ length: 15 }, (_, i) => String(i + 1)),
		);
	});

	it('refuses a status Bento does not know (it would silently list sent ones)', async () => {
		const { requests } = mockBento('GET', '/fetch/broadcasts', [], pages(1));
		const { error } = await runBentoNode({
			parameters: listing('={{ $json.status }}'),
			items: [{ status: 'archived' }],
		});
		expect(requests).toHaveLength(0);
		expect(error?.message).toBe(
			'Item 0: status must be one of canceled, draft, paused, scheduled, sending, sent (got "archived")',
		);
	});
});
