'use strict';
// The credential's Test in real n8n (the editor's "Retry"/"Save" check, POST /rest/credentials/test)
// reads the fields as every request does: spaces pasted around a key pass, a space inside a key
// fails naming the field (never showing the key), and wrong keys fail as Bento refuses them.
// Then a workflow run with the spaced credential delivers.
const assert = require('node:assert/strict');
const { describe, test } = require('node:test');

const { itemsOf, majors, useN8n } = require('./lib/harness');
const { bento, code, trigger } = require('./lib/workflows');

const SPACED = { id: 'bentoSpaced01', name: 'Bento pasted with spaces' };

/** The stand-in's credential with whitespace pasted around every field. */
const spaced = (sandbox) => ({
	publishableKey: `  ${sandbox.keys.publishableKey}\t`,
	secretKey: `${sandbox.keys.secretKey} \n`,
	siteUuid: ` ${sandbox.keys.siteUuid}\u200b`,
	baseUrl: ` ${sandbox.baseUrl}/ `,
});

const workflow = () => ({
	id: 'e2eSpacedKey01',
	name: 'Spaced credential',
	active: false,
	nodes: [
		{ ...trigger(), position: [0, 0] },
		{
			...code("return [{ json: { type: 'signed_up', email: 'spaced@example.com' } }];"),
			position: [220, 0],
		},
		{
			...bento(
				{ resource: 'event', operation: 'create', mappingMode: 'autoMapInputData' },
				{ credential: SPACED },
			),
			position: [440, 0],
		},
	],
	connections: {
		Start: { main: [[{ node: 'Code', type: 'main', index: 0 }]] },
		Code: { main: [[{ node: 'Bento', type: 'main', index: 0 }]] },
	},
	settings: {},
});

for (const major of majors()) {
	describe(`n8n ${major}.x: the credential Test and requests with keys pasted with spaces`, () => {
		const port = 7200 + major * 10;
		const ctx = useN8n(major, {
			port,
			brokerPort: port + 50,
			credentials: (sandbox) => [{ ...SPACED, type: 'bentoApi', data: spaced(sandbox) }],
			workflows: () => [workflow()],
		});
		const testCredential = async (data) => {
			if (!ctx.n8n.server) {
				await ctx.n8n.start();
				await ctx.n8n.setupOwner();
			}
			const { status, json, text } = await ctx.n8n.rest('POST', '/credentials/test', {
				credentials: { ...SPACED, type: 'bentoApi', data },
			});
			assert.equal(status, 200, text);
			return json.data;
		};

		test('Test: the clean keys pass', async () => {
			const { keys, baseUrl } = ctx.sandbox;
			assert.equal((await testCredential({ ...keys, baseUrl })).status, 'OK');
		});

		test('Test: keys, site UUID and Base URL pasted with spaces pass', async () => {
			const result = await testCredential(spaced(ctx.sandbox));
			assert.equal(result.status, 'OK', result.message);
		});

		test('Test: a space inside the secret key fails naming the field, not the key', async () => {
			const { keys, baseUrl } = ctx.sandbox;
			const secretKey = `${keys.secretKey.slice(0, 6)} ${keys.secretKey.slice(6)}`;
			const result = await testCredential({ ...keys, secretKey, baseUrl });
			assert.equal(result.status, 'Error');
			assert.match(result.message, /Secret Key contains U\+0020 \(space\)/);
			assert.ok(!result.message.includes(keys.secretKey.slice(6)), result.message);
		});

		test('Test: a wrong secret key pasted with spaces fails as Bento refuses it', async () => {
			const { keys, baseUrl } = ctx.sandbox;
			const result = await testCredential({ ...keys, secretKey: ' sk_wrong_0000 ', baseUrl });
			assert.equal(result.status, 'Error');
		});

		test('a workflow with the spaced credential delivers its event', async () => {
			const { ok, execution, output } = await ctx.n8n.execute('e2eSpacedKey01');
			assert.ok(ok, output.slice(-2000));
			assert.equal(itemsOf(execution, 'Bento').length, 1);
			assert.deepEqual(
				ctx.sandbox.state.events.map((e) => e.email),
				['spaced@example.com'],
			);
		});
	});
}
