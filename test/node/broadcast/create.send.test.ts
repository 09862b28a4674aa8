// Create Broadcasts' Delivery: a draft carries neither `approved` nor `send_at`; Send approves;
// Schedule approves with the time in UTC, read in the workflow's time zone. An approved
// broadcast Bento may have created is never sent again, whatever the options and n8n settings.
import nock from 'nock';

import { mockBento } from '../../helpers/mockSending';
import { runBentoNode } from '../../helpers/runNode';

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

const creating = (extra: Record<string, unknown> = {}) => ({
	resource: 'broadcast',
	operation: 'create',
	name: '={{ $json.title }}',
	subject: 'News',
	content: '<p>Hi</p>',
	type: 'plain',
	fromEmail: 'news@shop.example',
	batchSizePerHour: 500,
	options: { retryDelay: 0 },
	...extra,
});

const created = (body: Record<string, unknown>) => ({
	results: (body.broadcasts as unknown[]).length,
	broadcasts: (body.broadcasts as Array<{ name: string }>).map((b, k) => ({
		id: `b${k}`,
		name: b.name,
	})),
});

const sent = (requests: Array<{ body: Record<string, unknown> }>) =>
	requests.flatMap((r) => r.body.broadcasts as Array<Record<string, unknown>>);

describe('Create Broadcasts: Delivery', () => {
	it('Save as Draft (the default) sends neither approved nor send_at', async () => {
		const { requests } = mockBento('POST', '/batch/broadcasts', [], created);
		const { outputs, error } = await runBentoNode({
			parameters: creating(),
			items: [{ title: 'May' }],
		});
		expect(error).toBeUndefined();
		expect(sent(requests)).toEqual([
			{
				name: 'May',
				subject: 'News',
				content: '<p>Hi</p>',
				type: 'plain',
				from: { email: 'news@shop.example' },
				batch_size_per_hour: 500,
			},
		]);
		expect(outputs[0][0].json).toMatchObject({ created: true, id: 'b0' });
	});

	it('Send approves each broadcast, without send_at', async () => {
		const { requests } = mockBento('POST', '/batch/broadcasts', [], created);
		const { outputs } = await runBentoNode({
			parameters: creating({ delivery: 'send' }),
			items: [{ title: 'May' }, { title: 'June' }],
		});
		expect(sent(requests).map((b) => [b.name, b.approved, 'send_at' in b])).toEqual([
			['May', true, false],
			['June', true, false],
		]);
		expect((outputs[0][1].json.broadcast as Record<string, unknown>).approved).toBe(true);
	});

	it.each([
		// New York: -05:00 in winter, -04:00 in summer.
		['2030-01-08T09:00:00', 'America/New_York', '2030-01-08T14:00:00Z'],
		['2030-07-09 09:00', 'America/New_York', '2030-07-09T13:00:00Z'],
		// An offset written is kept, whatever the zone; a fraction of a second is dropped.
		['2030-07-09T09:00:00.750+02:00', 'America/New_York', '2030-07-09T07:00:00Z'],
		['2030-07-09T09:00:00', 'Asia/Kolkata', '2030-07-09T03:30:00Z'],
	])('Schedule at %s in %s sends send_at %s, approved', async (sendAt, timezone, expected) => {
		const { requests } = mockBento('POST', '/batch/broadcasts', [], created);
		const { error } = await runBentoNode({
			parameters: creating({ delivery: 'schedule', sendAt }),
			items: [{ title: 'May' }],
			timezone,
		});
		expect(error).toBeUndefined();
		expect(sent(requests)).toEqual([
			expect.objectContaining({ name: 'May', approved: true, send_at: expected }),
		]);
	});

	it.each([
		[
			'2020-01-08T09:00:00',
			/^Item 1: sendAt 2020-01-08T09:00:00\.000-05:00 \(2020-01-08T14:00:00Z\) is not in the future/,
		],
		['', /^Item 1: sendAt is required when Delivery is Schedule$/],
		['next tuesday', /^Item 1: sendAt "next tuesday" is not an ISO 8601 date/],
		['05/01/2030', /^Item 1: sendAt "05\/01\/2030"/],
	])(
		'refuses Send At %j naming the item and field, before sending anything',
		async (bad, message) => {
			const { requests } = mockBento('POST', '/batch/broadcasts', [], created);
			const { error } = await runBentoNode({
				parameters: creating({
					delivery: 'schedule',
					sendAt: '={{ $json.at }}',
				}),
				items: [
					{ title: 'May', at: '2030-01-08T09:00:00' },
					{ title: 'June', at: bad },
				],
				timezone: 'America/New_York',
			});
			expect(requests).toHaveLength(0);
			expect(error?.message).toMatch(message);
			expect(String(error?.description)).toContain('Fix "sendAt" for this item');
		},
	);

	it('refuses a Delivery an expression made up', async () => {
		const { requests } = mockBento('POST', '/batch/broadcasts', [], created);
		const { error } = await runBentoNode({
			parameters: creating({ delivery: '={{ "now" }}' }),
			items: [{ title: 'May' }],
		});
		expect(requests).toHaveLength(0);
		expect(error?.message).toBe(
			'Item 0: delivery must be "draft", "send" or "schedule" (got "now")',
		);
	});
});

describe('Create Broadcasts: an approved broadcast is never created twice', () => {
	it('a dropped connection is not retried even with Retry Maybe-Sent Requests on; the error names what to check', async () => {
		const { requests } = mockBento('POST', '/batch/broadcasts', ['reset'], created);
		const { error } = await runBentoNode({
			parameters: creating({
				delivery: 'send',
				options: { retryDelay: 0, retryMaybeSent: true },
			}),
			items: [{ title: 'May' }, { title: 'June' }],
		});
		expect(requests).toHaveLength(1);
		expect(error?.message).toMatch(/^Batch 1 of 1 \(items 0-1\) may have been sent: /);
		expect(error?.message).toContain(
			`Check Bento's Broadcasts for "May", "June" before running this again`,
		);
		expect(String(error?.description)).toContain("Look for them by name in Bento's Broadcasts");
	});

	it('a draft with Retry Maybe-Sent Requests on is still retried (the option as before)', async () => {
		const { requests } = mockBento('POST', '/batch/broadcasts', ['reset', [200, {}]]);
		const { error } = await runBentoNode({
			parameters: creating({ options: { retryDelay: 0, retryMaybeSent: true } }),
			items: [{ title: 'May' }],
		});
		expect(error).toBeUndefined();
		expect(requests).toHaveLength(2);
	});

	it('Retry On Fail after a 503 sends nothing again; Continue On Fail puts the check in each error item', async () => {
		const { requests } = mockBento('POST', '/batch/broadcasts', [[503]], created);
		const { outputs } = await runBentoNode({
			parameters: creating({ delivery: 'schedule', sendAt: '2030-01-08T09:00:00Z' }),
			items: [{ title: 'May' }],
			onError: 'continueErrorOutput',
			retryOnFail: { maxTries: 3, waitBetweenTries: 0 },
		});
		// One request: n8n ran the node three times (its first item was an error each time).
		expect(requests).toHaveLength(1);
		expect(outputs[1]).toHaveLength(1);
		expect(String(outputs[1][0].json.error)).toMatch(
			/^Batch 1 of 1 \(items 0-0\) may have been sent: Bento answered 503.* Check Bento's Broadcasts for "May"/,
		);
	});

	it('Retry On Fail after a dropped connection, without Continue On Fail: one request, the same report', async () => {
		const { requests } = mockBento('POST', '/batch/broadcasts', ['reset'], created);
		const { error } = await runBentoNode({
			parameters: creating({ delivery: 'send' }),
			items: [{ title: 'May' }],
			retryOnFail: { maxTries: 3, waitBetweenTries: 0 },
		});
		expect(requests).toHaveLength(1);
		expect(error?.message).toMatch(/may have been sent: .* Check Bento's Broadcasts for "May"/);
	});
});
