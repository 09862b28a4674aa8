import { createHash, timingSafeEqual } from 'node:crypto';

import type { IWebhookFunctions } from 'n8n-workflow';

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

/** Why a secret is too weak to protect the trigger, or undefined when it will do. */
export function weakSecretReason(secret: unknown): string | undefined {
	const text = typeof secret === 'string' ? secret : '';
	if (text.trim() === '') return 'The secret is empty: the trigger would refuse every call';
	if (text.length < MIN_SECRET_LENGTH)
		return `The secret has ${text.length} characters; use at least ${MIN_SECRET_LENGTH} (a random one from a password generator)`;
	return undefined;
}
