import { Expression } from 'n8n-workflow';

import { BentoApi } from '../../credentials/BentoApi.credentials';
import { USER_AGENT } from '../../nodes/Bento/transport/userAgent';

describe('BentoApi credential', () => {
	const credential = new BentoApi();
	const data = {
		publishableKey: 'pk_1',
		secretKey: 'sk_2',
		siteUuid: 'site-3',
		baseUrl: 'http://127.0.0.1:1/api/v1',
	};

	it("adds Basic auth and site_uuid, keeping the request's own query", async () => {
		const options = await credential.authenticate(data, { url: '/batch/events', qs: { page: 2 } });
		expect(options).toEqual({
			url: '/batch/events',
			auth: { username: 'pk_1', password: 'sk_2' },
			qs: { page: 2, site_uuid: 'site-3' },
		});
	});

	it("tests with an authenticated GET /fetch/tags and the node's User-Agent", () => {
		expect(credential.test.request).toMatchObject({
			url: '/fetch/tags',
			method: 'GET',
			headers: { 'User-Agent': USER_AGENT },
		});
		expect(credential.test.request.baseURL).toContain('$credentials.baseUrl');
	});

	it('masks the secret key and names the fixed properties', () => {
		expect(credential.properties.map((p) => p.name)).toEqual([
			'publishableKey',
			'secretKey',
			'siteUuid',
			'baseUrl',
		]);
		expect(credential.properties[1].typeOptions).toEqual({ password: true });
		expect(credential.properties[3].default).toBe('https://app.bentonow.com/api/v1');
	});
});

describe('BentoApi credential test request', () => {
	const { baseURL } = new BentoApi().test.request;
	// n8n resolves `={{ ... }}` against the saved credential's data.
	const resolve = (credentials: Record<string, string>) =>
		Expression.resolveWithoutWorkflow(String(baseURL).slice(1), { $credentials: credentials });

	it('uses the default Base URL for a credential saved without one (the official class has none)', () => {
		expect(resolve({ publishableKey: 'pk', secretKey: 'sk', siteUuid: 's' })).toBe(
			'https://app.bentonow.com/api/v1',
		);
	});

	it('uses the saved Base URL without its trailing slash', () => {
		expect(resolve({ baseUrl: 'http://127.0.0.1:4010/api/v1/' })).toBe(
			'http://127.0.0.1:4010/api/v1',
		);
	});
});
