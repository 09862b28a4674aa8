import { timingSafeEqual } from 'node:crypto';

import {
	headerValue,
	readWebhookSecret,
	webhookCredentialProblem,
	MIN_SECRET_LENGTH,
	secretMatches,
	weakSecretReason,
} from '../../nodes/BentoTrigger/secret';

// Wraps the real function, to see what the check hands it.
jest.mock('node:crypto', () => {
	const actual = jest.requireActual<typeof import('node:crypto')>('node:crypto');
	return { ...actual, timingSafeEqual: jest.fn(actual.timingSafeEqual) };
});

describe('secretMatches', () => {
	it('accepts exactly the secret', () => {
		expect(secretMatches('s3cret-value-long', 's3cret-value-long')).toBe(true);
		expect(secretMatches('s3cret-value-long', 's3cret-value-lonG')).toBe(false);
		expect(secretMatches('s3cret-value-long', 's3cret-value-long ')).toBe(false);
		expect(secretMatches('s3cret-value-long', '')).toBe(false);
		expect(secretMatches('s3cret-value-long', undefined)).toBe(false);
	});

	it('an empty expected secret opens nothing, not even for an empty header', () => {
		expect(secretMatches('', '')).toBe(false);
		expect(secretMatches('', 'anything')).toBe(false);
	});

	it('compares with timingSafeEqual on equal-length digests, whatever the lengths given', () => {
		const spy = jest.mocked(timingSafeEqual);
		spy.mockClear();
		expect(secretMatches('short', 'a much longer candidate value')).toBe(false);
		expect(spy).toHaveBeenCalledTimes(1);
		const [a, b] = spy.mock.calls[0] as [Buffer, Buffer];
		expect(a.length).toBe(32);
		expect(b.length).toBe(32);
	});
});

describe('headerValue', () => {
	it('finds the header whatever the case the credential names it in', () => {
		expect(headerValue({ 'x-bento-secret': 'v' }, 'X-Bento-Secret')).toBe('v');
		expect(headerValue({ 'x-bento-secret': 'v' }, ' x-bento-secret ')).toBe('v');
		expect(headerValue({}, 'X-Bento-Secret')).toBeUndefined();
	});

	it('refuses a header sent twice rather than picking one', () => {
		expect(headerValue({ 'set-cookie': ['a', 'b'] }, 'Set-Cookie')).toBeUndefined();
	});
});

describe('weakSecretReason', () => {
	it('says why a secret is too weak, and nothing for a good one', () => {
		expect(weakSecretReason('')).toMatch(/empty/);
		expect(weakSecretReason(undefined)).toMatch(/empty/);
		expect(weakSecretReason('short')).toMatch(`at least ${MIN_SECRET_LENGTH}`);
		expect(weakSecretReason('x'.repeat(MIN_SECRET_LENGTH))).toBeUndefined();
	});
});

describe('readWebhookSecret and webhookCredentialProblem (issue 24: white space removed)', () => {
	const LONG = 'x'.repeat(MIN_SECRET_LENGTH);
	it.each([
		[
			{ headerName: ' X-Hook ', secret: ` ${LONG}\n` },
			{ headerName: 'X-Hook', secret: LONG },
			undefined,
		],
		[{ headerName: '', secret: LONG }, { headerName: 'X-Bento-Secret', secret: LONG }, undefined],
		[{ secret: LONG }, { headerName: 'X-Bento-Secret', secret: LONG }, undefined],
		[
			{ headerName: 'X Hook', secret: LONG },
			{ headerName: 'X Hook', secret: LONG },
			/not a valid HTTP header name/,
		],
		[{ headerName: 'X-Hook', secret: ' \t ' }, { headerName: 'X-Hook', secret: '' }, /empty/],
		[
			{ headerName: 'X-Hook', secret: `${LONG}\u200b` },
			{ headerName: 'X-Hook', secret: `${LONG}\u200b` },
			/cannot carry/,
		],
		[
			{ headerName: 'X-Hook', secret: `${LONG.slice(1)} ` },
			{ headerName: 'X-Hook', secret: LONG.slice(1) },
			/at least/,
		],
		[undefined, { headerName: 'X-Bento-Secret', secret: '' }, /empty/],
	])('%j', (saved, read, problem) => {
		expect(readWebhookSecret(saved)).toEqual(read);
		const found = webhookCredentialProblem(saved);
		if (problem) expect(found).toMatch(problem);
		else expect(found).toBeUndefined();
	});
});
