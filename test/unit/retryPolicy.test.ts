import {
	backoffDelay,
	RETRY_CAPS,
	isRetryableNetworkCode,
	isRetryableStatus,
	parseRetryAfter,
	sentStateOfStatus,
} from '../../nodes/Bento/transport/retryPolicy';

const policy = { ...RETRY_CAPS, maxRetries: 5, initialDelayMs: 1000, maxDelayMs: 30_000 };

describe('retry policy', () => {
	it('retries rate limits, server errors and transient network failures only', () => {
		expect([429, 500, 502, 503, 504].every(isRetryableStatus)).toBe(true);
		// Cloudflare's answers when it could not reach or hear from Bento.
		expect([521, 522, 523, 524, 525, 526].every(isRetryableStatus)).toBe(true);
		expect([521, 522, 523, 525, 526].map(sentStateOfStatus)).toEqual(Array(5).fill('no'));
		expect([429, 400, 500, 503, 524].map(sentStateOfStatus)).toEqual([
			'no',
			'no',
			'maybe',
			'maybe',
			'maybe',
		]);
		expect([400, 401, 403, 404, 422, 501].some(isRetryableStatus)).toBe(false);
		expect(
			['ECONNRESET', 'ECONNREFUSED', 'ECONNABORTED', 'ETIMEDOUT'].every(isRetryableNetworkCode),
		).toBe(true);
		expect(['ENOTFOUND', 'CERT_HAS_EXPIRED', undefined].some(isRetryableNetworkCode)).toBe(false);
	});

	it('backs off exponentially with full jitter under a cap', () => {
		expect([0, 1, 2, 3].map((retry) => backoffDelay(retry, policy, () => 1))).toEqual([
			1000, 2000, 4000, 8000,
		]);
		expect(backoffDelay(10, policy, () => 1)).toBe(30_000);
		expect(backoffDelay(3, policy, () => 0)).toBe(0);
		expect(backoffDelay(3, policy, () => 0.5)).toBe(4000);
	});

	it('reads Retry-After as seconds or as an HTTP date', () => {
		const now = Date.UTC(2026, 0, 1, 12, 0, 0);
		expect(parseRetryAfter('7', now)).toBe(7000);
		expect(parseRetryAfter(' 1.5 ', now)).toBe(1500);
		expect(parseRetryAfter(new Date(now + 12_000).toUTCString(), now)).toBe(12_000);
		expect(parseRetryAfter(new Date(now - 5000).toUTCString(), now)).toBe(0);
		expect(parseRetryAfter('soon', now)).toBeUndefined();
		expect(parseRetryAfter(undefined, now)).toBeUndefined();
		expect(parseRetryAfter(['1'], now)).toBeUndefined();
	});
});
