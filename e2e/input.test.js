'use strict';
// Inputs as people type them (issue 24), in real n8n:
// - the credential's Test (the editor's check, POST /rest/credentials/test) reads the fields as
//   every request does: spaces pasted around a key pass, a space inside a key fails naming the
//   field (never showing the key), wrong keys fail as Bento refuses them; a workflow run with
//   the spaced credential delivers;
// - database dates go out with their offsets; a date without one is read in the workflow's time
//   zone by a node at version 1.1 and as UTC by one saved at version 1;
// - Run Command's Add Tag with "vip, customer" sends one command per tag.
// Real data, round 3 (issue 31):
// - addresses as people paste them (`Ann Lee <ann@example.com>`, `"Doe, Dan" <dan@...>`,
//   `<bob@...>`, `mailto:cat@...`) reach Bento as bare addresses: Create Events, Import, Send
//   Emails' To and From, Run Command; a broken paste fails naming the item and the field;
// - a JSON array as text (an AI agent's argument, a JSON column) is the list it is: Run Command's
//   tags, Import's tags and remove_tags;
// - an Excel CSV's first column `\ufeffemail` is `email` (Import, Create Events, Send Emails); a
//   key that still does not match is named as it came, `<U+FEFF>Email`.
const assert = require('node:assert/strict');
const { describe, test } = require('node:test');

const { assertSucceeded, itemsOf, majors, useN8n } = require('./lib/harness');
const { bento, code, credentials, trigger } = require('./lib/workflows');

const SPACED = { id: 'bentoSpaced01', name: 'Bento pasted with spaces' };

/** The stand-in's credential with whitespace pasted around every field. */
const spaced = (sandbox) => ({
	publishableKey: `  ${sandbox.keys.publishableKey}\t`,
	secretKey: `${sandbox.keys.secretKey} \n`,
	siteUuid: ` ${sandbox.keys.siteUuid}\u200b`,
	baseUrl: ` ${sandbox.baseUrl}/ `,
});

/** Start → Code (items) → Bento: a workflow `id` in `timezone`, the Bento node at `typeVersion`. */
const line = (id, items, parameters, { typeVersion = 1, timezone, credential } = {}) => ({
	id,
	name: id,
	active: false,
	nodes: [
		{ ...trigger(), position: [0, 0] },
		{ ...code(`return ${JSON.stringify(items)}.map((json) => ({ json }));`), position: [220, 0] },
		{ ...bento(parameters, credential ? { credential } : {}), typeVersion, position: [440, 0] },
	],
	connections: {
		Start: { main: [[{ node: 'Code', type: 'main', index: 0 }]] },
		Code: { main: [[{ node: 'Bento', type: 'main', index: 0 }]] },
	},
	settings: timezone ? { timezone } : {},
});

const autoMap = { resource: 'event', operation: 'create', mappingMode: 'autoMapInputData' };
const DATES = [
	'2026-01-05 10:00:00+00',
	'2026-01-05 10:00:00.123456+05',
	'2026-01-05T10:00:00-03',
	'2026-01-05 10:00:00',
	'2026-03-08 02:30:00',
	'2026-01-05',
];
const dated = DATES.map((date, i) => ({ type: 'signed_up', email: `d${i}@example.com`, date }));
const WITH_OFFSETS = [
	'2026-01-05T10:00:00+00:00',
	'2026-01-05T10:00:00.123+05:00',
	'2026-01-05T10:00:00-03:00',
];

const PASTED = [
	{ '\ufefftype': 'signed_up', email: 'Ann Lee <ann@example.com>' },
	{ 'type\u00a0': 'signed_up', email: '"Doe, Dan" <dan@example.com>' },
	{ type: 'signed_up', '\u200bemail': '<bob@example.com>' },
	{ type: 'signed_up', email: 'mailto:cat@example.com?subject=Hi' },
];
const CSV_ROWS = [
	{ '\ufeffemail': 'Ann Lee <ann@example.com>', first_name: 'Ann', tags: '["vip","customer"]' },
	{
		'\ufeffemail': 'mailto:bob@example.com',
		tags: 'lead',
		remove_tags: '["trial"]',
		'plan\u00a0': 'pro',
	},
];
const EMAILS = [
	{
		'\ufeffto': '"Doe, Dan" <dan@example.com>',
		from: 'Shop Team <team@shop.example>',
		subject: 'Hi',
		html_body: '<p>Hi</p>',
	},
];

const workflows = () => [
	line('e2ePasted01', PASTED, autoMap, { typeVersion: 1.1 }),
	line(
		'e2eCsvImport01',
		CSV_ROWS,
		{ resource: 'subscriber', operation: 'import', mappingMode: 'autoMapInputData' },
		{ typeVersion: 1.1 },
	),
	line(
		'e2eCsvImportBad01',
		[{ '\ufeffEmail': 'ann@example.com' }],
		{ resource: 'subscriber', operation: 'import', mappingMode: 'autoMapInputData' },
		{ typeVersion: 1.1 },
	),
	line(
		'e2ePastedSend01',
		EMAILS,
		{ resource: 'email', operation: 'send', mappingMode: 'autoMapInputData' },
		{ typeVersion: 1.1 },
	),
	line(
		'e2eJsonTags01',
		[{ mail: 'Ann Lee <ann@example.com>', tags: '["vip","customer"]' }],
		{
			resource: 'subscriber',
			operation: 'runCommand',
			mappingMode: 'defineBelow',
			command: 'add_tag',
			email: '={{ $json.mail }}',
			tag: { __rl: true, mode: 'name', value: '={{ $json.tags }}' },
		},
		{ typeVersion: 1.1 },
	),
	line('e2eBadPaste01', [{ type: 'signed_up', email: 'Ann Lee <ann@example.com' }], autoMap, {
		typeVersion: 1.1,
	}),
	line('e2eSpacedKey01', [{ type: 'signed_up', email: 'spaced@example.com' }], autoMap, {
		credential: SPACED,
	}),
	line('e2eDatesV1', dated, autoMap, { typeVersion: 1, timezone: 'America/New_York' }),
	line('e2eDatesV11', dated, autoMap, { typeVersion: 1.1, timezone: 'America/New_York' }),
	line(
		'e2eTagList01',
		[{ mail: 'ann@example.com', tags: 'vip, customer' }],
		{
			resource: 'subscriber',
			operation: 'runCommand',
			mappingMode: 'defineBelow',
			command: 'add_tag',
			email: '={{ $json.mail }}',
			tag: { __rl: true, mode: 'name', value: '={{ $json.tags }}' },
		},
		{ typeVersion: 1.1 },
	),
];

for (const major of majors()) {
	describe(`n8n ${major}.x: keys pasted with spaces, database dates, tag lists, pasted addresses, CSV keys`, () => {
		const port = 7200 + major * 10;
		const ctx = useN8n(major, {
			port,
			// Within the suite's ports, 7200-7262.
			brokerPort: port + 40,
			credentials: (sandbox) => [
				...credentials(sandbox),
				{ ...SPACED, type: 'bentoApi', data: spaced(sandbox) },
			],
			workflows,
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
			// `n8n execute` starts its own task broker on the same port (n8n 2.x): stop the server.
			await ctx.n8n.stop();
			const { execution, output } = assertSucceeded(await ctx.n8n.execute('e2eSpacedKey01'));
			assert.equal(itemsOf(execution, 'Bento').length, 1);
			assert.deepEqual(
				ctx.sandbox.state.events.map((e) => e.email),
				['spaced@example.com'],
			);
		});

		const sentDates = async (id) => {
			ctx.sandbox.state.events.length = 0;
			assertSucceeded(await ctx.n8n.execute(id));
			return ctx.sandbox.state.events.map((e) => e.date);
		};

		test('dates, Bento node version 1 in a New York workflow: no offset is UTC', async () => {
			assert.deepEqual(await sentDates('e2eDatesV1'), [
				...WITH_OFFSETS,
				'2026-01-05T10:00:00.000Z',
				'2026-03-08T02:30:00.000Z',
				'2026-01-05T00:00:00.000Z',
			]);
		});

		test("dates, version 1.1 in a New York workflow: no offset is the workflow's zone", async () => {
			assert.deepEqual(await sentDates('e2eDatesV11'), [
				...WITH_OFFSETS,
				'2026-01-05T10:00:00.000-05:00',
				'2026-03-08T03:30:00.000-04:00',
				'2026-01-05T00:00:00.000-05:00',
			]);
		});

		test('Run Command Add Tag "vip, customer": one command per tag', async () => {
			const { execution } = assertSucceeded(await ctx.n8n.execute('e2eTagList01'));
			assert.deepEqual(
				ctx.sandbox.state.store.commands.map((c) => [c.command, c.email, c.query]),
				[
					['add_tag', 'ann@example.com', 'vip'],
					['add_tag', 'ann@example.com', 'customer'],
				],
			);
			assert.deepEqual(
				itemsOf(execution, 'Bento').map((item) => item.json.command.query),
				['vip', 'customer'],
			);
		});
		test('pasted addresses and a BOM-led key: Create Events sends the bare addresses', async () => {
			ctx.sandbox.state.events.length = 0;
			const { execution } = assertSucceeded(await ctx.n8n.execute('e2ePasted01'));
			assert.equal(itemsOf(execution, 'Bento').length, 4);
			assert.deepEqual(
				ctx.sandbox.state.events.map((e) => [e.type, e.email]),
				['ann', 'dan', 'bob', 'cat'].map((name) => ['signed_up', `${name}@example.com`]),
			);
		});

		test("an Excel CSV's rows with JSON tags: Import sends what the user meant", async () => {
			ctx.sandbox.state.store.imported.length = 0;
			assertSucceeded(await ctx.n8n.execute('e2eCsvImport01'));
			assert.deepEqual(ctx.sandbox.state.store.imported, [
				{ email: 'ann@example.com', first_name: 'Ann', tags: 'vip,customer' },
				{ email: 'bob@example.com', tags: 'lead', remove_tags: 'trial', plan: 'pro' },
			]);
		});

		test('a key that still does not match is named as it came', async () => {
			ctx.sandbox.state.store.imported.length = 0;
			const { ok, output } = await ctx.n8n.execute('e2eCsvImportBad01');
			assert.ok(!ok, output.slice(-2000));
			assert.match(
				output,
				/Item 0: email is required and must be text \(got missing\) \(the item has \\?"<U\+FEFF>Email\\?"; keys are matched as written/,
			);
			assert.deepEqual(ctx.sandbox.state.store.imported, []);
		});

		test('Send Emails: To and From pasted with names go as addresses', async () => {
			ctx.sandbox.state.store.emails.length = 0;
			assertSucceeded(await ctx.n8n.execute('e2ePastedSend01'));
			assert.deepEqual(
				ctx.sandbox.state.store.emails.map((e) => [e.to, e.from]),
				[['dan@example.com', 'team@shop.example']],
			);
		});

		test("Run Command Add Tag with an agent's JSON array: one command per tag", async () => {
			ctx.sandbox.state.store.commands.length = 0;
			assertSucceeded(await ctx.n8n.execute('e2eJsonTags01'));
			assert.deepEqual(
				ctx.sandbox.state.store.commands.map((c) => [c.command, c.email, c.query]),
				[
					['add_tag', 'ann@example.com', 'vip'],
					['add_tag', 'ann@example.com', 'customer'],
				],
			);
		});

		test('a broken paste fails naming the item, the field and what was found', async () => {
			ctx.sandbox.state.events.length = 0;
			const { ok, output } = await ctx.n8n.execute('e2eBadPaste01');
			assert.ok(!ok, output.slice(-2000));
			assert.match(output, /Item 0: email \\?"Ann Lee <ann@example.com\\?" is not one address/);
			assert.deepEqual(ctx.sandbox.state.events, []);
		});
	});
}
