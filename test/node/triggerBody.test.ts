import { BentoTrigger } from '../../nodes/BentoTrigger/BentoTrigger.node';
import { postToTrigger, WEBHOOK_SECRET } from '../helpers/runTrigger';

// Issue 24, items 1, 2 and 8: what each kind of body gets, delivered as n8n delivers it, and
// the webhook credential read the same way by calls and by its Test.

const SIGNED = { 'X-Bento-Secret': WEBHOOK_SECRET };
const PERSON = JSON.stringify({ email: 'ann@example.com', event: { type: '$purchase' } });

type Expected = { n8n: 422 } | { accepted: true } | { refused: RegExp };

// [what, Content-Type (undefined: none sent), body text, expected]
const BODIES: Array<[string, string | undefined, string, Expected]> = [
	// n8n parses application/json itself and answers 422 before any node runs (1.x and 2.x).
	['malformed application/json', 'application/json', '{"email": "a@b.c",', { n8n: 422 }],
	['JSON', 'application/json', PERSON, { accepted: true }],
	['JSON with a charset', 'application/json; charset=utf-8', PERSON, { accepted: true }],
	['JSON as text/plain', 'text/plain', PERSON, { accepted: true }],
	[
		'JSON with a byte order mark as text/plain',
		'text/plain',
		`\ufeff${PERSON}`,
		{ accepted: true },
	],
	[
		'JSON as a +json type (n8n leaves it unparsed)',
		'application/vnd.api+json',
		PERSON,
		{ accepted: true },
	],
	['JSON without a Content-Type', undefined, PERSON, { accepted: true }],
	[
		'malformed JSON as text/plain',
		'text/plain',
		'{"last_name": "Johnson "The Rock""}',
		{ refused: /^Expected a JSON object .*: the body is not valid JSON \(/ },
	],
	[
		'malformed JSON as a +json type',
		'application/ld+json',
		'{"a": }',
		{ refused: /the body is not valid JSON/ },
	],
	[
		'malformed JSON without a Content-Type',
		undefined,
		'{"a"',
		{ refused: /the body is not valid JSON/ },
	],
	['plain words', 'text/plain', 'hello', { refused: /the body is not valid JSON/ }],
	['an empty text body', 'text/plain', '', { refused: /the body is empty/ }],
	['an empty JSON body', 'application/json', '', { refused: /the body is empty/ }],
	['only white space', 'text/plain', ' \n ', { refused: /the body is empty/ }],
	['a JSON list', 'application/json', `[${PERSON}]`, { refused: /the body is a JSON list/ }],
	['JSON null', 'application/json', 'null', { refused: /the body is a JSON null/ }],
	['a JSON string', 'application/json', '"hello"', { refused: /the body is a JSON string/ }],
	['an empty JSON object', 'application/json', '{}', { refused: /the body is an empty object/ }],
	[
		'a form',
		'application/x-www-form-urlencoded',
		'email=a%40b.c',
		{ refused: /sent as application\/x-www-form-urlencoded/ },
	],
	['XML', 'application/xml', '<email>a@b.c</email>', { refused: /sent as application\/xml/ }],
];

describe('Bento Trigger: bodies as they arrive', () => {
	it.each(BODIES)('%s', async (_what, contentType, text, expected) => {
		const outcome = await postToTrigger(text, { contentType, headers: SIGNED });
		if ('n8n' in expected) {
			expect(outcome).toEqual({ n8nStatus: expected.n8n });
			return;
		}
		if ('n8nStatus' in outcome) throw new Error('n8n would have run the node');
		if ('accepted' in expected) {
			expect(outcome.answered).toEqual({ status: 200, body: { received: true } });
			expect(outcome.result.workflowData![0][0].json).toMatchObject({
				email: 'ann@example.com',
				event: { type: '$purchase' },
			});
			return;
		}
		// Never a silent 200: a 400 with a short JSON message Bento shows, and no execution.
		expect(outcome.answered?.status).toBe(400);
		const { message } = outcome.answered!.body as { message: string };
		expect(message).toMatch(/^Expected a JSON object \(Content-Type: application\/json\): /);
		expect(message).toMatch(expected.refused);
		expect(message.length).toBeLessThan(300);
		expect(outcome.result).toEqual({ noWebhookResponse: true });
	});

	it('the secret is still checked first: a bad body without it gets 401, not 400', async () => {
		const outcome = await postToTrigger('hello', { contentType: 'text/plain' });
		expect(outcome).toMatchObject({ answered: { status: 401 } });
	});
});

describe('Bento Trigger: a string event and other shapes the template does not send', () => {
	it("Bento's own example body keeps every key it sent", async () => {
		// The shape of the example in Bento's webhook guide (BENTO-WEBHOOKS.md).
		const body = {
			event: 'bento.workflow.step_reached',
			workflow: 'Welcome',
			email: 'ann@example.com\u200b',
			person: { first_name: 'Ann', tags: 'a,b' },
			source_event: { type: '$purchase', details: { value: 1 } },
		};
		const outcome = await postToTrigger(JSON.stringify(body), {
			contentType: 'application/json',
			headers: SIGNED,
		});
		if ('n8nStatus' in outcome) throw new Error('refused by n8n');
		expect(outcome.answered).toEqual({ status: 200, body: { received: true } });
		const item = { ...outcome.result.workflowData![0][0].json };
		delete item.received_at;
		expect(item).toEqual({
			event: 'bento.workflow.step_reached',
			workflow: 'Welcome',
			email: 'ann@example.com',
			person: { first_name: 'Ann', tags: 'a,b' },
			source_event: { type: '$purchase', details: { value: 1 } },
		});
	});
});

// The credential's Test and every call read the saved credential the same way.
const test = new BentoTrigger().methods.credentialTest.bentoWebhookSecretTest;
const GOOD = WEBHOOK_SECRET;

// [what, saved header name, saved secret, header Bento sends, value Bento sends, Test, call]
const CREDENTIALS: Array<[string, string, string, string, string, 'OK' | 'Error', 200 | 401]> = [
	['as typed', 'X-Bento-Secret', GOOD, 'X-Bento-Secret', GOOD, 'OK', 200],
	['secret with a trailing space', 'X-Bento-Secret', `${GOOD} `, 'X-Bento-Secret', GOOD, 'OK', 200],
	[
		'secret with a line break (pasted)',
		'X-Bento-Secret',
		`${GOOD}\n`,
		'X-Bento-Secret',
		GOOD,
		'OK',
		200,
	],
	[
		'secret with spaces both sides, sent with its space',
		'X-Bento-Secret',
		` ${GOOD} `,
		'X-Bento-Secret',
		`${GOOD} `,
		'OK',
		200,
	],
	['header name with spaces', ' X-Bento-Secret ', GOOD, 'X-Bento-Secret', GOOD, 'OK', 200],
	['blank header name: the default header', '  ', GOOD, 'X-Bento-Secret', GOOD, 'OK', 200],
	['header name with a space inside', 'X Bento Secret', GOOD, 'X-Bento-Secret', GOOD, 'Error', 401],
	['header name with a colon', 'X-Bento-Secret:', GOOD, 'X-Bento-Secret', GOOD, 'Error', 401],
	['secret only spaces', 'X-Bento-Secret', '   ', 'X-Bento-Secret', '   ', 'Error', 401],
	[
		'secret with a letter outside ASCII',
		'X-Bento-Secret',
		`${GOOD}é`,
		'X-Bento-Secret',
		`${GOOD}é`,
		'Error',
		401,
	],
	// HTTP carries a tab inside a value unchanged.
	[
		'secret with a tab inside',
		'X-Bento-Secret',
		`${GOOD}\tx`,
		'X-Bento-Secret',
		`${GOOD}\tx`,
		'OK',
		200,
	],
	// Works, but can be guessed: the Test says so (calls are not refused for it).
	['a short secret', 'X-Bento-Secret', 'short ', 'X-Bento-Secret', 'short', 'Error', 200],
];

describe('the webhook credential: white space removed for calls and Test alike', () => {
	it.each(CREDENTIALS)(
		'%s',
		async (_what, headerName, secret, sentHeader, sentValue, testStatus, callStatus) => {
			const data = { headerName, secret };
			const result = await test.call({} as never, { data } as never);
			expect(result.status).toBe(testStatus);
			const outcome = await postToTrigger(PERSON, {
				contentType: 'application/json',
				headers: { [sentHeader]: sentValue },
				credential: data,
			});
			if ('n8nStatus' in outcome) throw new Error('refused by n8n');
			expect(outcome.answered?.status).toBe(callStatus);
			if (callStatus === 401) expect(outcome.result.workflowData).toBeUndefined();
			else expect(outcome.result.workflowData).toHaveLength(1);
		},
	);

	it('the refusal names the trimmed header, never the secret', async () => {
		const outcome = await postToTrigger(PERSON, {
			contentType: 'application/json',
			credential: { headerName: ' X-Hook-Token ', secret: ` ${GOOD} ` },
		});
		expect(outcome).toMatchObject({
			answered: {
				status: 401,
				body: { message: 'Missing or wrong secret in the X-Hook-Token header' },
			},
		});
		expect(JSON.stringify(outcome)).not.toContain(GOOD);
	});
});
