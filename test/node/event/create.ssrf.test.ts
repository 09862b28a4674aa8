// n8n's SSRF protection (N8N_SSRF_PROTECTION_ENABLED) refuses a Base URL on localhost or a private
// network before connecting (docs/n8n-3.md). Played here with the error n8n throws, by its name,
// as the connection's failure: the item fails naming the protection, nothing is retried.
import nock from 'nock';

import { BENTO_ORIGIN } from '../../helpers/mockBento';
import { runBentoNode } from '../../helpers/runNode';

const parameters = {
	resource: 'event',
	operation: 'create',
	mappingMode: 'autoMapInputData',
	options: { retryDelay: 0, maxRetries: 3 },
};
const items = [{ type: 'signed_up', email: 'ann@example.com' }];

// n8n's two refusals, with the texts n8n gives them (@n8n/backend-network, n8n 2.x).
const REFUSALS = {
	SsrfBlockedIpError: 'The request was blocked because it resolves to a restricted IP address',
	SsrfBlockedHostnameError:
		'The request was blocked because the destination hostname is restricted',
};

function refuseEveryRequest(name: string, message: string) {
	const requests: string[] = [];
	nock(BENTO_ORIGIN)
		.post('/api/v1/batch/events')
		.query(true)
		.times(10)
		.reply(function (uri, _body, callback) {
			requests.push(uri);
			callback(Object.assign(new Error(message), { name }), null as unknown as nock.ReplyFnResult);
		});
	return requests;
}

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

describe('Create Events with n8n refusing the Base URL (SSRF protection)', () => {
	it.each(Object.entries(REFUSALS))(
		'%s: one try, the error names the protection, the Base URL and that nothing was sent',
		async (name, message) => {
			const requests = refuseEveryRequest(name, message);
			const { error } = await runBentoNode({ parameters, items });
			expect(requests).toHaveLength(1);
			expect(error?.message).toContain(
				"n8n's SSRF protection refused the request to https://app.bentonow.com/api/v1",
			);
			expect(error?.description).toContain('N8N_SSRF_PROTECTION_ENABLED=true');
			expect(error?.description).toContain('Nothing was sent.');
			expect(error?.description).toContain('N8N_SSRF_ALLOWED_IP_RANGES');
		},
	);

	it('Continue On Fail: the item goes to the error output with the same message', async () => {
		refuseEveryRequest('SsrfBlockedIpError', REFUSALS.SsrfBlockedIpError);
		const { outputs, error } = await runBentoNode({
			parameters,
			items,
			onError: 'continueErrorOutput',
		});
		expect(error).toBeUndefined();
		expect(outputs[0]).toHaveLength(0);
		expect(outputs[1]).toHaveLength(1);
		expect(outputs[1][0].pairedItem).toEqual({ item: 0 });
		expect(String(outputs[1][0].json.error)).toContain("n8n's SSRF protection refused the request");
	});

	it('another failure before an answer is still read as a network failure', async () => {
		const requests = refuseEveryRequest('Error', 'getaddrinfo EAI_AGAIN app.bentonow.com');
		const { error } = await runBentoNode({ parameters, items });
		expect(requests).toHaveLength(1);
		expect(error?.message).toContain('Could not reach Bento (UNKNOWN)');
		expect(error?.message).not.toContain('SSRF');
	});
});
