import { createRedactor } from '../../nodes/Bento/transport/redact';

describe('createRedactor', () => {
	const redact = createRedactor(['pk_live_abc123', 'sk_live_secret_456', 'site-0001']);
	const header = Buffer.from('pk_live_abc123:sk_live_secret_456').toString('base64');

	it('masks keys, the site UUID and the Basic auth header', () => {
		const text = `GET /x?site_uuid=site-0001 auth=${header} key sk_live_secret_456 user pk_live_abc123`;
		const result = redact(text);
		for (const secret of ['pk_live_abc123', 'sk_live_secret_456', 'site-0001', header]) {
			expect(result).not.toContain(secret);
		}
		expect(result).toContain('[redacted]');
	});

	it('masks any Basic credentials, and leaves other text alone', () => {
		expect(redact('Authorization: Basic Zm9vOmJhcg==')).toBe('Authorization: Basic [redacted]');
		expect(redact('Bento answered 401: Unauthorized')).toBe('Bento answered 401: Unauthorized');
	});
});
