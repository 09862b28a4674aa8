// A credential saved with spaces around its fields works for every request, whichever
// `bentoApi` class n8n loaded; a space inside a field stops the node before anything is sent,
// with an error that names the field and shows no key.
import nock from 'nock';

import { basicAuthHeader, mockBatchEvents, SECRETS } from '../helpers/mockBento';
import { OfficialShapedBentoApi } from '../helpers/officialCredential';
import { everythingEmitted, runBentoNode, TEST_CREDENTIALS } from '../helpers/runNode';

const autoMap = { resource: 'event', operation: 'create', mappingMode: 'autoMapInputData' };
const items = [{ type: 'signed_up', email: 'ann@example.com' }];

const spaced = {
	publishableKey: ` ${TEST_CREDENTIALS.publishableKey}\t`,
	secretKey: `${TEST_CREDENTIALS.secretKey} \n`,
	siteUuid: `\u200b${TEST_CREDENTIALS.siteUuid} `,
	baseUrl: `  ${TEST_CREDENTIALS.baseUrl}/ `,
};
const { publishableKey, secretKey, siteUuid } = spaced;

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

describe('a credential saved with spaces around its fields', () => {
	it.each([
		['our class', {}],
		[
			"the official package's class",
			{
				credentials: { publishableKey, secretKey, siteUuid },
				credentialType: new OfficialShapedBentoApi(),
			},
		],
	])('with %s: clean Basic auth and site_uuid, to the saved host', async (_name, setup) => {
		const { requests } = mockBatchEvents();
		const { error } = await runBentoNode({
			parameters: autoMap,
			items,
			credentials: spaced,
			...setup,
		});
		expect(error).toBeUndefined();
		expect(requests).toHaveLength(1);
		expect(requests[0].headers.authorization).toBe(basicAuthHeader);
		expect(requests[0].query.site_uuid).toBe(TEST_CREDENTIALS.siteUuid);
		expect(requests[0].rawQuery.match(/site_uuid=/g)).toHaveLength(1);
	});
});

describe('a credential with a space inside a field', () => {
	it.each([
		['publishableKey', 'Publishable Key'],
		['secretKey', 'Secret Key'],
		['siteUuid', 'Site UUID'],
		['baseUrl', 'Base URL'],
	] as const)('%s: nothing sent, the error names %s and shows no key', async (field, label) => {
		const { requests } = mockBatchEvents();
		const value = TEST_CREDENTIALS[field];
		const result = await runBentoNode({
			parameters: autoMap,
			items,
			credentials: { [field]: `${value.slice(0, 8)} ${value.slice(8)}` },
		});
		expect(requests).toHaveLength(0);
		expect(result.error?.message).toContain(`credential's ${label} contains U+0020 (space)`);
		const emitted = everythingEmitted(result);
		for (const secret of SECRETS) expect(emitted).not.toContain(secret);
		expect(emitted).not.toContain(value.slice(8));
	});
});
