import nock from 'nock';

import { useFakeClock } from '../../helpers/fakeClock';
import { bentoSubscriber } from '../../helpers/mockAudience';
import { mockEndpoint } from '../../helpers/mockEndpoint';
import { runBentoNode } from '../../helpers/runNode';

// 429 waits last a rate-limit window: the transport's clock is faked, so they take no time.
useFakeClock();
beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

describe('Subscriber > Create', () => {
	it('creates one subscriber per item with {subscriber: {email}}', async () => {
		const { requests } = mockEndpoint('POST', '/fetch/subscribers', (request, n) => [
			200,
			{ data: bentoSubscriber(n + 1, (request.body?.subscriber as { email: string }).email) },
		]);
		const { outputs, error } = await runBentoNode({
			parameters: { resource: 'subscriber', operation: 'create', email: '={{ $json.mail }}' },
			items: [{ mail: 'ann@example.com' }, { mail: 'bob@example.com' }],
		});
		expect(error).toBeUndefined();
		expect(requests.map((r) => r.body)).toEqual([
			{ subscriber: { email: 'ann@example.com' } },
			{ subscriber: { email: 'bob@example.com' } },
		]);
		expect(outputs[0].map((i) => [i.json.id, i.json.email, i.pairedItem])).toEqual([
			['1', 'ann@example.com', { item: 0 }],
			['2', 'bob@example.com', { item: 1 }],
		]);
	});

	it('with Continue On Fail, a 422 for one item is its error and the others go on', async () => {
		mockEndpoint('POST', '/fetch/subscribers', (request) =>
			(request.body?.subscriber as { email: string }).email === 'bad@example.com'
				? [422, { errors: [{ field: 'email', message: 'is blocked' }] }]
				: [200, { data: bentoSubscriber(1, 'ok@example.com') }],
		);
		const { outputs } = await runBentoNode({
			parameters: { resource: 'subscriber', operation: 'create', email: '={{ $json.mail }}' },
			items: [{ mail: 'bad@example.com' }, { mail: 'ok@example.com' }],
			onError: 'continueErrorOutput',
		});
		expect(outputs[0].map((i) => i.pairedItem)).toEqual([{ item: 1 }]);
		expect(outputs[1][0].json.error).toBe('Item 0 failed: Bento answered 422: email: is blocked');
	});
});
