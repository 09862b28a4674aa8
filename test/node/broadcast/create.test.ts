import nock from 'nock';

import { mockBento } from '../../helpers/mockSending';
import { runBentoNode } from '../../helpers/runNode';

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

const creating = (extra: Record<string, unknown> = {}) => ({
	resource: 'broadcast',
	operation: 'create',
	name: '={{ $json.title }}',
	subject: '={{ "News: " + $json.title }}',
	content: '<p>{{ visitor.first_name }}, read on.</p>\n',
	type: 'raw',
	fromEmail: 'news@shop.example',
	fromName: '={{ $json.author }}',
	inclusiveTags: {
		tags: [
			{ tag: { __rl: true, mode: 'list', value: 'customers' } },
			{ tag: { __rl: true, mode: 'name', value: 'vip, beta' } },
		],
	},
	exclusiveTags: { tags: [{ tag: { __rl: true, mode: 'name', value: 'unsubscribed-news' } }] },
	segmentId: '={{ $json.segment }}',
	batchSizePerHour: 500,
	options: { retryDelay: 0 },
	...extra,
});

describe('Broadcasts: Create', () => {
	it("sends the broadcasts in one request and maps Bento's answer back to each item", async () => {
		const { requests } = mockBento('POST', '/batch/broadcasts', [
			[
				200,
				{
					results: 2,
					failed: 1,
					broadcasts: [
						{ id: 'b1', template_id: 't1', name: 'May', dashboard_url: 'https://x/b1' },
						{ id: 'b3', template_id: 't3', name: 'July', dashboard_url: 'https://x/b3' },
					],
					failures: [{ index: 1, name: 'June', error: 'from is not an author' }],
				},
			],
		]);
		const { outputs, error } = await runBentoNode({
			parameters: creating(),
			items: [
				{ title: 'May', author: 'Ann', segment: 'seg_1' },
				{ title: 'June', author: '' },
				{ title: 'July', author: 'Cy' },
			],
		});
		expect(error).toBeUndefined();
		expect(requests).toHaveLength(1);
		const common = {
			content: '<p>{{ visitor.first_name }}, read on.</p>\n',
			type: 'raw',
			inclusive_tags: 'customers,vip,beta',
			exclusive_tags: 'unsubscribed-news',
			batch_size_per_hour: 500,
		};
		expect(requests[0].body).toEqual({
			broadcasts: [
				{
					name: 'May',
					subject: 'News: May',
					from: { email: 'news@shop.example', name: 'Ann' },
					segment_id: 'seg_1',
					...common,
				},
				{ name: 'June', subject: 'News: June', from: { email: 'news@shop.example' }, ...common },
				{
					name: 'July',
					subject: 'News: July',
					from: { email: 'news@shop.example', name: 'Cy' },
					...common,
				},
			],
		});
		const [may, june, july] = outputs[0].map((i) => i.json);
		expect(may).toMatchObject({
			created: true,
			id: 'b1',
			template_id: 't1',
			dashboard_url: 'https://x/b1',
			results: 2,
			failed: 1,
		});
		expect(june).toMatchObject({
			created: false,
			warning: 'Bento did not create this broadcast: from is not an author',
		});
		expect(july).toMatchObject({ created: true, id: 'b3' });
		// Bento named the refused one: the created ones carry no "which?" warning.
		expect(may.warning).toBeUndefined();
		expect(july.warning).toBeUndefined();
		expect(outputs[0].map((i) => i.pairedItem)).toEqual([0, 1, 2].map((item) => ({ item })));
	});

	it('101 broadcasts are two requests (100 + 1)', async () => {
		const { requests } = mockBento('POST', '/batch/broadcasts', [], (body) => ({
			results: (body.broadcasts as unknown[]).length,
		}));
		const { error } = await runBentoNode({
			parameters: creating({ segmentId: '' }),
			items: Array.from({ length: 101 }, (_, i) => ({ title: `N${i}`, author: 'Ann' })),
		});
		expect(error).toBeUndefined();
		expect(requests.map((r) => (r.body.broadcasts as unknown[]).length)).toEqual([100, 1]);
	});

	it('a 503 may have created them: not retried, reported as maybe sent', async () => {
		const { requests } = mockBento('POST', '/batch/broadcasts', [[503]]);
		const { error } = await runBentoNode({ parameters: creating(), items: [{ title: 'May' }] });
		expect(requests).toHaveLength(1);
		expect(error?.message).toBe(
			'Batch 1 of 1 (items 0-0) may have been sent: Bento answered 503 Service Unavailable (not retried: it may have been delivered)',
		);
	});

	it('names the item and field of a bad broadcast before sending', async () => {
		const { requests } = mockBento('POST', '/batch/broadcasts', []);
		const { error } = await runBentoNode({
			parameters: creating({ fromEmail: '={{ $json.from }}' }),
			items: [
				{ title: 'May', from: 'news@shop.example' },
				{ title: 'June', from: 'nobody' },
			],
		});
		expect(requests).toHaveLength(0);
		expect(error?.message).toBe('Item 1: fromEmail "nobody" is not a valid address');
	});
});
