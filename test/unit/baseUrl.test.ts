import { apiBaseUrl } from '../../nodes/Bento/transport';

describe('apiBaseUrl', () => {
	it('is Bento’s API when the credential has no Base URL (the official class has none)', () => {
		expect(apiBaseUrl(undefined)).toBe('https://app.bentonow.com/api/v1');
		expect(apiBaseUrl('')).toBe('https://app.bentonow.com/api/v1');
	});

	it('adds /api/v1 to a bare host, as older official credentials saved it', () => {
		expect(apiBaseUrl('https://app.bentonow.com')).toBe('https://app.bentonow.com/api/v1');
		expect(apiBaseUrl('https://app.bentonow.com/')).toBe('https://app.bentonow.com/api/v1');
	});

	it('keeps a URL with a path (a proxy, the stand-in) as given, without trailing slashes', () => {
		expect(apiBaseUrl('http://127.0.0.1:4010/api/v1/')).toBe('http://127.0.0.1:4010/api/v1');
		expect(apiBaseUrl('https://proxy.example.com/bento')).toBe('https://proxy.example.com/bento');
	});
});
