// Send Emails with pasted addresses and an Excel CSV's keys (issue 31, items 2 and 4). From is
// the address of one of the site's Authors (Bento's SDKs: "must be an author"): a display name
// pasted with it is dropped like everywhere, Bento shows the Author's own name.
import nock from 'nock';

import { mockEndpoint } from '../../helpers/mockEndpoint';
import { runBentoNode } from '../../helpers/runNode';

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

describe('Send Emails', () => {
	it('Map Automatically: To and From pasted with names, keys with a BOM', async () => {
		const { requests } = mockEndpoint('POST', '/batch/emails', [[200, { results: 2 }]]);
		const { outputs, error } = await runBentoNode({
			parameters: {
				resource: 'email',
				operation: 'send',
				mappingMode: 'autoMapInputData',
				options: { maxRetries: 0 },
			},
			items: [
				{
					'\ufeffto': '"Doe, Dan" <dan@example.com>',
					from: 'Shop Team <team@shop.example>',
					subject: 'Hi',
					html_body: '<p>x</p>',
				},
				{
					to: 'mailto:cat@example.com',
					from: '<team@shop.example>',
					subject: 'Hi',
					html_body: '<p>y</p>',
				},
			],
		});
		expect(error).toBeUndefined();
		expect(requests[0].body).toEqual({
			emails: [
				{
					to: 'dan@example.com',
					from: 'team@shop.example',
					subject: 'Hi',
					html_body: '<p>x</p>',
					transactional: false,
				},
				{
					to: 'cat@example.com',
					from: 'team@shop.example',
					subject: 'Hi',
					html_body: '<p>y</p>',
					transactional: false,
				},
			],
		});
		expect(outputs[0].map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	it('Define Below: a broken From is refused naming it', async () => {
		const { requests } = mockEndpoint('POST', '/batch/emails', [[200, { results: 1 }]]);
		const { error } = await runBentoNode({
			parameters: {
				resource: 'email',
				operation: 'send',
				mappingMode: 'defineBelow',
				to: 'ann@example.com',
				from: 'Shop Team <team@shop.example',
				subject: 'Hi',
				htmlBody: '<p>x</p>',
				options: { maxRetries: 0 },
			},
			items: [{}],
		});
		expect(requests).toHaveLength(0);
		expect(error?.message).toBe(
			'Item 0: from "Shop Team <team@shop.example" is not one address: write it as ann@example.com, Ann Lee <ann@example.com> or mailto:ann@example.com',
		);
	});
});
