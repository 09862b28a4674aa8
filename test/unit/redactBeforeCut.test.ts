import { attemptOfResponse } from '../../nodes/Bento/transport/attempt';
import { MAX_ERROR_TEXT } from '../../nodes/Bento/transport/errorMessages';
import { createRedactor } from '../../nodes/Bento/transport/redact';

const ECHOED_KEY = ['sk', 'live', '0123456789abcdefghijklmnop'].join('_');

const context = {
	baseUrl: 'http://127.0.0.1',
	timeoutMs: 1000,
	now: 0,
	redact: createRedactor(['pk_live_abc123', ECHOED_KEY, 'site-0001']),
};

// A body of no known shape is quoted as JSON text (no spaces), cut at MAX_ERROR_TEXT: the
// echoed secret key is placed so that the cut falls inside it.
function bodyWithSecretAcrossTheCut(): Record<string, string> {
	const prefix = '{"padding":"","echo":"';
	const padding = 'x'.repeat(MAX_ERROR_TEXT - prefix.length - 10);
	return { padding, echo: ECHOED_KEY };
}

describe('an error body echoing a key, longer than the quote', () => {
	it.each<[string, unknown]>([
		['as JSON', bodyWithSecretAcrossTheCut()],
		['as plain text', `${'y'.repeat(MAX_ERROR_TEXT - 10)}${ECHOED_KEY}`],
	])('leaves no part of the key in the message (%s)', (_shape, body) => {
		const attempt = attemptOfResponse(context, 500, body);
		if (attempt.ok) throw new Error('a 500 is a failure');
		expect(attempt.message).not.toContain(ECHOED_KEY.slice(0, 8));
	});
});
