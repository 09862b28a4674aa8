import { createHash, timingSafeEqual } from 'node:crypto';

import type { IWebhookFunctions } from 'n8n-workflow';

import { DEFAULT_SECRET_HEADER } from './template';

type IncomingHttpHeaders = ReturnType<IWebhookFunctions['getHeaderData']>;

function digest(text: string): Buffer {
	return createHash('sha256').update(text, 'utf8').digest();
}

/**
 * Whether `given` equals the expected secret, in constant time. Both sides are hashed first so
 * the comparison takes the same time whatever the lengths (timingSafeEqual wants equal lengths,
 * and comparing lengths first would tell an attacker the secret's length). An empty expected
 * secret matches nothing: a credential saved without one must not open the trigger.
 */
export function secretMatches(expected: string, given: string | undefined): boolean {
	if (expected === '' || given === undefined) return false;
	return timingSafeEqual(digest(expected), digest(given));
}

/**
 * The value of header `name` (any case) as one string; undefined when absent. Node lower-cases
 * header names and joins a custom header sent twice into one "a, b" string, which then fails the
 * comparison; a value that is not a string is refused (undefined) rather than guessed at.
 */
export function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
	const value = headers[name.trim().toLowerCase()];
	return typeof value === 'string' ? value : undefined;
}

/** Shorter secrets are refused by the credential's test: they can be guessed. */
export const MIN_SECRET_LENGTH = 16;

/** The webhook credential as every call and the credential's Test use it. */
export interface WebhookSecret {
	/** The header to read; the default when the credential's is blank. */
	headerName: string;
	/** The secret; '' when none is saved (then every call is refused). */
	secret: string;
}

/**
 * The saved credential with white space around the header name and the secret removed (a secret
 * pasted from a password manager often ends in a space or a line break; HTTP drops the same
 * white space from a header's value, so it could never match). One reading for calls and Test.
 */
export function readWebhookSecret(saved: object | undefined): WebhookSecret {
	const data = saved as Record<string, unknown> | undefined;
	const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');
	return {
		headerName: text(data?.headerName) || DEFAULT_SECRET_HEADER,
		secret: text(data?.secret),
	};
}

// RFC 9110 "token": the only characters a header name may have.
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
// What a header value carries unchanged: tabs and visible ASCII (Node reads bytes as Latin-1, so
// a letter outside ASCII arrives as other characters; a line break cannot be sent at all).
const HEADER_VALUE = /^[\t\x20-\x7e]*$/;

/** Why a secret is too weak to protect the trigger, or undefined when it will do (trimmed first). */
export function weakSecretReason(secret: unknown): string | undefined {
	const text = typeof secret === 'string' ? secret.trim() : '';
	if (text === '') return 'The secret is empty: the trigger would refuse every call';
	if (!HEADER_VALUE.test(text))
		return 'The secret holds a character a header cannot carry unchanged (a line break, a control character or a letter outside ASCII): the trigger would refuse every call; use letters, digits and punctuation';
	if (text.length < MIN_SECRET_LENGTH)
		return `The secret has ${text.length} characters; use at least ${MIN_SECRET_LENGTH} (a random one from a password generator)`;
	return undefined;
}

/**
 * What the credential's Test reports: why the saved credential cannot work (every call would be
 * refused) or is too weak, read exactly as calls read it (`readWebhookSecret`); undefined when fine.
 */
export function webhookCredentialProblem(saved: object | undefined): string | undefined {
	const { headerName, secret } = readWebhookSecret(saved);
	if (!HEADER_NAME.test(headerName))
		return `The header name "${headerName}" is not a valid HTTP header name: use letters, digits and dashes, e.g. ${DEFAULT_SECRET_HEADER}`;
	return weakSecretReason(secret);
}
