// The official `n8n-nodes-bento` package also names its credential type `bentoApi`; when both
// packages are installed, n8n uses whichever class it loaded last. Its class (written here from
// its published shape) has the same three fields, no Base URL, and a generic `authenticate` that
// adds Basic auth only. Our node must deliver through either class.
import nock from 'nock';

import { basicAuthHeader, mockBatchEvents, SECRETS } from '../helpers/mockBento';
import { OfficialShapedBentoApi } from '../helpers/officialCredential';
import { everythingEmitted, runBentoNode, TEST_CREDENTIALS } from '../helpers/runNode';

// What n8n keeps of a saved credential under that class: its three fields, no baseUrl.
const { publishableKey, secretKey, siteUuid } = TEST_CREDENTIALS;
const officialData = { publishableKey, secretKey, siteUuid };

const people = (n: number) =>
	Array.from({ length: n }, (_, i) => ({ type: 'signed_up', email: `user${i}@example.com` }));

const autoMap = { resource: 'event', operation: 'create', mappingMode: 'autoMapInputData' };

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

describe('with the official package’s bentoApi class loaded', () => {
	it('sends site_uuid exactly once, Basic auth, to the default host', async () => {
		// nock intercepts only https://app.bentonow.com, and no other host may be reached.
		const { requests } = mockBatchEvents();
		const { error, outputs } = await runBentoNode({
			parameters: autoMap,
			items: people(2500),
			credentials: officialData,
			credentialType: new OfficialShapedBentoApi(),
		});

		expect(error).toBeUndefined();
		expect(requests.map((r) => r.body.events.length)).toEqual([1000, 1000, 500]);
		for (const request of requests) {
			expect(request.rawQuery.match(/site_uuid=/g)).toHaveLength(1);
			expect(request.query.site_uuid).toBe(siteUuid);
			expect(request.headers.authorization).toBe(basicAuthHeader);
		}
		expect(outputs[0]).toHaveLength(2500);
	});

	it('with our class, site_uuid is still sent once (ours adds the same key)', async () => {
		const { requests } = mockBatchEvents();
		const { error } = await runBentoNode({ parameters: autoMap, items: people(3) });

		expect(error).toBeUndefined();
		expect(requests).toHaveLength(1);
		expect(requests[0].rawQuery).toBe(`site_uuid=${siteUuid}`);
		expect(requests[0].headers.authorization).toBe(basicAuthHeader);
	});

	it('a wrong secret is a clear 401 with no secret in anything emitted', async () => {
		mockBatchEvents([[401, { error: 'Invalid authentication credentials' }]]);
		const result = await runBentoNode({
			parameters: autoMap,
			items: people(1),
			credentials: { ...officialData, secretKey: `${secretKey}_WRONG` },
			credentialType: new OfficialShapedBentoApi(),
		});

		expect(result.error?.message).toContain(
			'Bento answered 401: Invalid authentication credentials',
		);
		const emitted = everythingEmitted(result);
		for (const secret of [...SECRETS, `${secretKey}_WRONG`]) expect(emitted).not.toContain(secret);
	});
});
