import {
	bentoErrorText,
	httpFailureText,
	MAX_ERROR_TEXT,
	MAX_HTML_EXCERPT,
} from '../../nodes/Bento/transport/errorMessages';
import { createRedactor } from '../../nodes/Bento/transport/redact';

const CLOUDFLARE_PAGE = `<!DOCTYPE html>
<html lang="en-US"><head><title>Attention Required! | Cloudflare</title>
<style>body { font-family: sans-serif; }</style><script>window.cf = {"ray": "8a1"};</script></head>
<body><div class="cf-wrapper"><h1 data-translate="block_headline">Sorry, you have been blocked</h1>
<h2 class="cf-subheadline">You are unable to access bentonow.com</h2>
<p>This website is using a security service to protect itself from online attacks.
The action you just performed triggered the security solution. ${'There are several actions that could trigger this block. '.repeat(20)}</p>
</div></body></html>`;

describe("Bento's words from an error body", () => {
	it.each<[string, unknown, string | undefined]>([
		['a string error', { error: 'Site not found' }, 'Site not found'],
		['an error object', { error: { message: 'Key revoked', code: 'auth' } }, 'Key revoked'],
		['an error object with a code only', { error: { code: 'rate_limited' } }, 'rate_limited'],
		[
			'OAuth error and description',
			{ error: 'invalid_request', error_description: 'The site_uuid is missing' },
			'invalid_request: The site_uuid is missing',
		],
		['a description alone', { error_description: 'Token expired' }, 'Token expired'],
		['message', { message: 'Slow down' }, 'Slow down'],
		[
			'error and message saying one thing',
			{ error: 'Unauthorized', message: 'Unauthorized' },
			'Unauthorized',
		],
		[
			'error and message saying two things',
			{ error: 'Unprocessable', message: 'email is not valid' },
			'Unprocessable; email is not valid',
		],
		[
			'a list of strings',
			{ errors: ['Email is invalid', 'Type is missing'] },
			'Email is invalid; Type is missing',
		],
		[
			'a list of {field, message}',
			{ errors: [{ field: 'events', message: 'is too long' }, 'other'] },
			'events: is too long; other',
		],
		[
			'JSON:API errors with title, detail and source',
			{
				errors: [
					{
						status: '422',
						title: 'Invalid attribute',
						detail: 'Email is not a valid address',
						source: { pointer: '/data/attributes/email' },
					},
					{ title: 'Missing type', source: { parameter: 'type' } },
				],
			},
			'/data/attributes/email: Invalid attribute: Email is not a valid address; type: Missing type',
		],
		[
			'JSON:API detail repeating its title',
			{ errors: [{ title: 'Invalid email', detail: 'Invalid email: x@' }] },
			'Invalid email: x@',
		],
		[
			'a Rails errors hash',
			{ errors: { email: ['is invalid', "can't be blank"], base: ['Site is locked'] } },
			"email: is invalid, can't be blank; Site is locked",
		],
		['a Rails hash of strings', { errors: { type: 'is missing' } }, 'type: is missing'],
		['errors as one string', { errors: 'Bad batch' }, 'Bad batch'],
		['a top-level list', [{ message: 'first' }, 'second'], 'first; second'],
		['JSON as text', '{"errors":{"email":["is invalid"]}}', 'email: is invalid'],
		['broken JSON as text', '{"error": "cut off', '{"error": "cut off'],
		['plain text', '  plain words\nover two lines ', 'plain words over two lines'],
		['a Buffer', Buffer.from('{"message":"from bytes"}'), 'from bytes'],
		[
			'an HTML page',
			'<html><body><h1>Forbidden</h1><p>Request blocked.</p></body></html>',
			'Forbidden Request blocked.',
		],
		[
			'HTML with only a title',
			'<html><head><title>502 Bad Gateway</title></head><body></body></html>',
			'502 Bad Gateway',
		],
		['HTML entities', '<p>Tom &amp; Jerry &lt;3</p>', 'Tom & Jerry <3'],
		['another JSON shape, quoted', { status: 'fail', code: 17 }, '{"status":"fail","code":17}'],
		['an empty object', {}, undefined],
		['empty errors, quoted', { errors: [] }, '{"errors":[]}'],
		['an empty string', '   ', undefined],
		['nothing', undefined, undefined],
		['null', null, undefined],
	])('%s', (_shape, body, expected) => {
		const said = bentoErrorText(body);
		expect(said).toBe(expected);
		expect(said ?? '').not.toMatch(/undefined|\[object Object\]/);
	});

	it('gives a short plain excerpt of an HTML page, without its styles or scripts', () => {
		const said = bentoErrorText(CLOUDFLARE_PAGE) ?? '';
		expect(
			said.startsWith('Sorry, you have been blocked You are unable to access bentonow.com'),
		).toBe(true);
		expect(said.length).toBeLessThanOrEqual(MAX_HTML_EXCERPT);
		expect(said).not.toMatch(/[<>{}]|font-family|window\.cf/);
	});

	it('cuts a long text at a word, on one line', () => {
		const said = bentoErrorText({ message: 'word '.repeat(400) }) ?? '';
		expect(said.length).toBeLessThanOrEqual(MAX_ERROR_TEXT);
		expect(said.endsWith('word…')).toBe(true);
	});
});

describe('the failure text', () => {
	it.each<[number, unknown, string]>([
		[
			422,
			{ errors: [{ title: 'Invalid', detail: 'Email is bad' }] },
			'Bento answered 422: Invalid: Email is bad',
		],
		[422, { errors: { email: ['is invalid'] } }, 'Bento answered 422: email: is invalid'],
		[422, undefined, 'Bento answered 422 Unprocessable Entity'],
		[413, '', 'Bento answered 413 Payload Too Large'],
		[500, {}, 'Bento answered 500 Internal Server Error'],
		[418, undefined, 'Bento answered 418 Client Error'],
		[599, undefined, 'Bento answered 599 Server Error'],
		[403, '<!DOCTYPE html><html>blocked</html>', 'Bento answered 403: blocked'],
	])('%i with %p', (status, body, message) => {
		expect(httpFailureText(status, body).message).toBe(message);
	});

	it.each([
		[400, 'invalid'],
		[401, 'publishable key, secret key and site UUID'],
		[403, 'User-Agent'],
		[404, 'Base URL'],
		[413, 'too large'],
		[422, 'rules'],
		[429, 'rate limiting'],
		[503, 'infrastructure'],
	])('says what %i means', (status, words) => {
		expect(httpFailureText(status, { error: 'x' })).toEqual({
			message: `Bento answered ${status}: x`,
			description: expect.stringContaining(words),
		});
	});

	it.each<[string, unknown]>([
		[
			'in a JSON:API detail',
			{ errors: [{ title: 'Bad key', detail: 'Key sk_live_secret_456 is revoked' }] },
		],
		['in a Rails hash', { errors: { secret_key: ['sk_live_secret_456 is revoked'] } }],
		[
			'in an error object',
			{ error: { message: 'Basic cGtfbGl2ZV9hYmMxMjM6c2tfbGl2ZV9zZWNyZXRfNDU2' } },
		],
		['in plain text', 'no site site-0001 for pk_live_abc123'],
		['in an HTML page', '<html><body><p>Bad key sk_live_secret_456</p></body></html>'],
		['in an unknown shape', { echoed: { value: 'sk_live_secret_456' } }],
	])('a key the server echoes back is redacted %s', (_where, body) => {
		const redact = createRedactor(['pk_live_abc123', 'sk_live_secret_456', 'site-0001']);
		const message = redact(httpFailureText(401, body).message);
		expect(message).toContain('[redacted]');
		for (const secret of [
			'pk_live_abc123',
			'sk_live_secret_456',
			'site-0001',
			'cGtfbGl2ZV9hYmMxMjM6c2tfbGl2ZV9zZWNyZXRfNDU2',
		])
			expect(message).not.toContain(secret);
	});
});
