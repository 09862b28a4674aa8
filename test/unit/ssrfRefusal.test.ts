// What the transport makes of n8n's SSRF refusal, in the shapes it can arrive in: the error itself,
// down a cause chain (axios, a redirect), or wrapped by NodeApiError with only the message left.
import { attemptOfThrown, type ThrownHttpError } from '../../nodes/Bento/transport/attempt';

const ctx = {
	baseUrl: 'http://127.0.0.1:4010/api/v1',
	timeoutMs: 30_000,
	now: 0,
	redact: (text: string) => text,
};
const IP_REFUSAL = 'The request was blocked because it resolves to a restricted IP address';

const refused = {
	ok: false,
	retryable: false,
	sent: 'no',
	httpCode: 'SSRF_BLOCKED',
	message: "n8n's SSRF protection refused the request to http://127.0.0.1:4010/api/v1",
};

describe('an SSRF refusal', () => {
	it.each<[string, ThrownHttpError]>([
		['the error itself', { name: 'SsrfBlockedIpError', message: IP_REFUSAL }],
		[
			'two causes down',
			{
				name: 'NodeApiError',
				cause: { name: 'AxiosError', cause: { name: 'SsrfBlockedHostnameError' } },
			},
		],
		['wrapped, its message kept', { name: 'NodeApiError', message: IP_REFUSAL, httpCode: null }],
		['wrapped, in the messages', { name: 'NodeApiError', message: 'x', messages: [IP_REFUSAL] }],
	])('%s: certainly not sent, not retried, named', (_shape, error) => {
		const attempt = attemptOfThrown(ctx, error);
		expect(attempt).toMatchObject(refused);
		expect(attempt.ok === false && attempt.description).toContain(
			'N8N_SSRF_ALLOWED_HOSTNAMES or N8N_SSRF_ALLOWED_IP_RANGES',
		);
	});

	it('a refused connection is still a network failure', () => {
		expect(attemptOfThrown(ctx, { httpCode: 'ECONNREFUSED', message: 'refused' })).toMatchObject({
			ok: false,
			retryable: true,
			sent: 'no',
			httpCode: 'ECONNREFUSED',
		});
	});
});
