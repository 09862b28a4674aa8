'use strict';
// The Bento Trigger and the Bento Form Response Trigger in real n8n 1.x and 2.x: workflows
// activated, Bento's Send webhook call played against the production URL, form responses
// polled from the stand-in. E2E_MAJORS=1 or 2 to run one; E2E_TRIGGER_PORT moves the ports
// (n8n on PORT + major, its task broker on PORT + 10 + 10 × major; default 6400).
const assert = require('node:assert/strict');
const { readFileSync } = require('node:fs');
const path = require('node:path');
const { before, describe, test } = require('node:test');

const { sendWebhook } = require('../sandbox/sendWebhook');
const { assertStatuses, majors, useN8n } = require('./lib/harness');
const {
	FORM_ID,
	WEBHOOK_ID,
	WEBHOOK_SECRET,
	triggerCredentials,
	triggerWorkflows,
} = require('./lib/triggerWorkflows');

/** Waits (not a timed assertion: the deadline only stops a hung run) until `check` is truthy. */
async function until(what, check, timeoutMs = 90_000) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await check();
		if (value) return value;
		if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
		await new Promise((r) => setTimeout(r, 500));
	}
}

const PORT = Number(process.env.E2E_TRIGGER_PORT || 6400);
// The panel's body before issue 24: quoted Liquid variables, pasted as raw text.
const QUOTED_TEMPLATE = readFileSync(
	path.join(__dirname, '../test/fixtures/bodyTemplate-quoted.liquid'),
	'utf8',
);
const ROCK = {
	email: 'rock@example.com\u200b',
	last_name: 'Johnson "The Rock"',
	company: 'Line one\nLine "two" \\ C:\\new\ttab 🎉',
};

for (const major of majors()) {
	describe(`triggers in n8n ${major}.x`, () => {
		const ctx = useN8n(major, {
			port: PORT + major,
			brokerPort: PORT + 10 + major * 10,
			workflows: triggerWorkflows,
			credentials: triggerCredentials,
		});
		const url = () => `http://127.0.0.1:${ctx.n8n.port}/webhook/${WEBHOOK_ID}/webhook`;

		before(async () => {
			for (const id of ['e2eTrigger01', 'e2eFormTrig01']) await ctx.n8n.activate(id);
		});

		async function executions(workflowId) {
			const filter = encodeURIComponent(JSON.stringify({ workflowId }));
			const { status, json, text } = await ctx.n8n.rest('GET', `/executions?filter=${filter}`);
			assert.equal(status, 200, text);
			const list = json.data.results ?? json.data;
			return list.filter((e) => e.finished || e.status === 'success' || e.status === 'error');
		}

		/** The items node `name` put out in execution `id`, which must have succeeded. */
		async function outputOf(id, name) {
			const saved = await ctx.n8n.savedExecution(id);
			await assertStatuses(ctx.n8n, [saved], 'success', { what: `execution ${id}` });
			const run = saved.data.resultData.runData[name][0];
			return run.data.main[0].map((item) => item.json);
		}

		const post = (body, headers) =>
			fetch(url(), { method: 'POST', headers, body }).then(async (r) => ({
				status: r.status,
				text: await r.text(),
			}));

		test('webhook: the secret starts one execution with the clean item; refusals start none', async () => {
			// n8n 2.x activates workflows a little after it is ready: until then the URL answers 404.
			// The probe has no secret, so it can start nothing.
			const probe = JSON.stringify({ email: 'probe@example.com' });
			await until(
				'the webhook to be registered',
				async () => (await post(probe, { 'Content-Type': 'application/json' })).status === 401,
			);
			const ok = await sendWebhook(url(), {
				secret: WEBHOOK_SECRET,
				context: { visitor: { orders_count: '3' } },
			});
			assert.equal(ok.status, 200, ok.body);
			// Issue 24: a small JSON answer, not n8n's default option name ("firstEntryJson").
			assert.deepEqual(JSON.parse(ok.body), { received: true });
			const [first] = await until('one execution', async () => {
				const list = await executions('e2eTrigger01');
				return list.length >= 1 && list;
			});
			const [item] = await outputOf(first.id, 'Bento Trigger');
			const { received_at: receivedAt, ...clean } = item;
			assert.match(receivedAt, /^\d{4}-\d\d-\d\dT/);
			assert.deepEqual(clean, {
				email: 'ann@example.com',
				uuid: 'visitor-uuid-0001',
				first_name: 'Ann',
				tags: ['customer', 'vip'],
				fields: { company: 'Acme' },
				event: {
					type: '$purchase',
					details: { unique: { key: 'order-1001' }, value: { currency: 'USD', amount: 4200 } },
				},
				workflow: 'Purchase follow-up',
			});

			const json = { 'Content-Type': 'application/json' };
			const body = JSON.stringify({ email: 'x@example.com', event: { type: '$purchase' } });
			const wrong = await post(body, { ...json, 'X-Bento-Secret': `${WEBHOOK_SECRET}-not` });
			assert.equal(wrong.status, 401, wrong.text);
			assert.match(wrong.text, /Missing or wrong secret in the X-Bento-Secret header/);
			assert.doesNotMatch(wrong.text, new RegExp(WEBHOOK_SECRET));
			const missing = await post(body, json);
			assert.equal(missing.status, 401, missing.text);

			const filtered = await sendWebhook(url(), {
				secret: WEBHOOK_SECRET,
				context: { event: { type: '$unsubscribe' } },
			});
			assert.equal(filtered.status, 200, filtered.body);
			assert.match(filtered.body, /Ignored by the trigger's filter/);

			const text = await post('hello', {
				'Content-Type': 'text/plain',
				'X-Bento-Secret': WEBHOOK_SECRET,
			});
			assert.equal(text.status, 400, text.text);
			assert.match(text.text, /Expected a JSON object/);
			assert.match(JSON.parse(text.text).message, /the body is not valid JSON/);

			// JSON that does not parse is refused by n8n's body parser before the node runs.
			const broken = await post('{"email": ', { ...json, 'X-Bento-Secret': WEBHOOK_SECRET });
			assert.equal(broken.status, 422, broken.text);
			assert.match(broken.text, /Failed to parse request body/);

			// Issue 24: the quoted body Bento rendered for this person was broken JSON (422 above,
			// nothing in n8n); the panel's body now carries the name intact.
			const rock = { visitor: ROCK, event: { type: 'signed_up' } };
			const quoted = await sendWebhook(url(), {
				secret: WEBHOOK_SECRET,
				context: rock,
				template: QUOTED_TEMPLATE,
			});
			assert.equal(quoted.status, 422, quoted.body);
			const rockCall = await sendWebhook(url(), { secret: WEBHOOK_SECRET, context: rock });
			assert.equal(rockCall.status, 200, rockCall.body);
			assert.deepEqual(JSON.parse(rockCall.body), { received: true });

			// A +json type n8n leaves unparsed: the node reads the raw body itself.
			const plusJson = JSON.stringify({
				email: 'json@example.com',
				event: { type: 'signed_up' },
			});
			const typed = await post(plusJson, {
				'Content-Type': 'application/vnd.api+json',
				'X-Bento-Secret': WEBHOOK_SECRET,
			});
			assert.equal(typed.status, 200, typed.text);
			const typedBroken = await post('{"email": ', {
				'Content-Type': 'application/vnd.api+json',
				'X-Bento-Secret': WEBHOOK_SECRET,
			});
			assert.equal(typedBroken.status, 400, typedBroken.text);
			assert.match(JSON.parse(typedBroken.text).message, /the body is not valid JSON/);

			// A marker call after the refused ones: once its execution is there, any execution the
			// refused calls had started would be too. Exactly four: the first call, the person with
			// the quoted name, the +json call and the marker.
			const marker = await sendWebhook(url(), {
				secret: WEBHOOK_SECRET,
				context: { visitor: { email: 'marker@example.com' }, event: { type: 'signed_up' } },
			});
			assert.equal(marker.status, 200, marker.body);
			const all = await until('the marker execution', async () => {
				const list = await executions('e2eTrigger01');
				return list.length >= 4 && list;
			});
			assert.equal(all.length, 4);
			const items = [];
			for (const execution of all) items.push((await outputOf(execution.id, 'Bento Trigger'))[0]);
			assert.deepEqual(items.map((item) => item.email).sort(), [
				'ann@example.com',
				'json@example.com',
				'marker@example.com',
				// the trailing U+200B removed, as the Bento node cleans addresses
				'rock@example.com',
			]);
			const rocks = items.filter((item) => item.last_name === ROCK.last_name);
			assert.equal(rocks.length, 1);
			assert.deepEqual(rocks[0].fields, { company: ROCK.company });
		});

		test("the webhook credential's Test refuses a short secret and accepts a long one", async () => {
			const test = async (secret, headerName = 'X-Bento-Secret') => {
				const { status, json, text } = await ctx.n8n.rest('POST', '/credentials/test', {
					credentials: {
						id: 'bentoWebhook01',
						name: 'Bento webhook secret',
						type: 'bentoWebhookApi',
						data: { headerName, secret },
					},
				});
				assert.equal(status, 200, text);
				return json.data;
			};
			const short = await test('short');
			assert.equal(short.status, 'Error');
			assert.match(short.message, /at least 16/);
			assert.equal((await test(WEBHOOK_SECRET)).status, 'OK');
			// Issue 24: read as every call reads it, white space around it removed.
			assert.equal((await test(`${WEBHOOK_SECRET} `)).status, 'OK');
			assert.equal((await test('   ')).status, 'Error');
			assert.equal((await test(WEBHOOK_SECRET, ' X-Bento-Secret ')).status, 'OK');
			assert.equal((await test(WEBHOOK_SECRET, 'X Bento Secret')).status, 'Error');
		});

		test('polling: the first poll learns, later polls deliver each new response once', async () => {
			const responses = ctx.sandbox.state.store.responses[FORM_ID];
			const reads = () =>
				ctx.sandbox.state.requests.filter((r) => r.path === '/api/v1/fetch/responses').length;
			// n8n polls once on activation: page 1 (the 2 seeded responses) and an empty page 2.
			// Once both were read, those responses are known and anything added after is new.
			await until('the first poll', () => reads() >= 2);
			responses.push({ uuid: 'r-3', data: { email: 'cy@example.com' } });
			const [one] = await until('an execution for response 3', async () => {
				const list = await executions('e2eFormTrig01');
				return list.length >= 1 && list;
			});
			assert.deepEqual(
				(await outputOf(one.id, 'Form Trigger')).map((r) => r.data.email),
				['cy@example.com'],
			);

			responses.push({ uuid: 'r-4', data: { email: 'di@example.com' } });
			responses.push({ uuid: 'r-5', data: { email: 'ed@example.com' } });
			const list = await until('a second execution', async () => {
				const found = await executions('e2eFormTrig01');
				return found.length >= 2 && found;
			});
			const second = list.find((e) => e.id !== one.id);
			assert.deepEqual(
				(await outputOf(second.id, 'Form Trigger')).map((r) => r.data.email),
				['di@example.com', 'ed@example.com'],
			);

			// Two more polls with nothing new start nothing.
			const seen = reads();
			await until('two more polls', () => reads() >= seen + 4);
			assert.equal((await executions('e2eFormTrig01')).length, 2);
		});
	});
}
