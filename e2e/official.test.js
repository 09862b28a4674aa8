'use strict';
// Beside the official Bento package: n8n keys credential types by name, so when the official
// `n8n-nodes-bento` is installed too, its `bentoApi` class (no Base URL, Basic auth only, no
// site_uuid) may be the one n8n uses for our node. Here that class replaces ours in the installed
// package, the credentials are saved without a Base URL, and n8n's requests to
// https://app.bentonow.com reach the stand-in through a local proxy (e2e/lib/bentoHost.js).
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { beforeEach, describe, test } = require('node:test');

const { serveBentoHost } = require('./lib/bentoHost');
const { checkBulk, checkRetries, checkWrongKeys } = require('./lib/checks');
const { assertSucceeded, majors, useN8n } = require('./lib/harness');
const { CREDENTIAL, credentials, scenarios } = require('./lib/workflows');

const OFFICIAL_CLASS = path.join(__dirname, 'fixtures/official-bentoApi.credentials.js');
const INSTALLED_CLASS =
	'.n8n/nodes/node_modules/n8n-nodes-bentonow/dist/credentials/BentoApi.credentials.js';

/** The credentials as n8n keeps them under the official class: no Base URL. */
const withoutBaseUrl = (sandbox) =>
	credentials(sandbox).map(({ data: { baseUrl: _dropped, ...data }, ...rest }) => ({
		...rest,
		data,
	}));

/** An n8n whose requests to app.bentonow.com reach the stand-in; `official` swaps the class in. */
function useN8nBesideOfficial(major, { port, official }) {
	let host;
	const ctx = useN8n(major, {
		port,
		brokerPort: port + 50,
		sandbox: { secretKey: `sk_e2e_SECRET_${major}_0ff1c1` },
		credentials: withoutBaseUrl,
		workflows: scenarios,
		setup: async ({ sandbox }) => {
			host = await serveBentoHost(sandbox);
		},
		env: () => host.env,
		prepare: ({ n8n }) => {
			if (official) fs.copyFileSync(OFFICIAL_CLASS, path.join(n8n.userFolder, INSTALLED_CLASS));
		},
		cleanup: async () => await host?.close(),
	});
	beforeEach(() => {
		ctx.sandbox.state.requests.length = 0;
		ctx.sandbox.state.events.length = 0;
		ctx.sandbox.setFaults([]);
		host.tunnels.length = 0;
	});
	// n8n itself may try its own hosts (api.n8n.io) through the proxy: refused, and not counted.
	return Object.defineProperty(ctx, 'tunnels', {
		get: () => host.tunnels.filter((t) => t === 'app.bentonow.com:443'),
	});
}

for (const major of majors()) {
	describe(`n8n ${major}.x beside the official package`, () => {
		describe('with the official class loaded as bentoApi', () => {
			const ctx = useN8nBesideOfficial(major, { port: 5720 + major, official: true });
			const secrets = () => [
				ctx.sandbox.keys.secretKey,
				'sk_wrong_SECRET_e2e_0000',
				ctx.sandbox.keys.siteUuid,
			];

			test('2,500 items: 3 requests to the default host with site_uuid once, exact events', async () => {
				const { execution } = assertSucceeded(await ctx.n8n.execute('e2eBulkDefine01'));
				checkBulk(ctx.sandbox, execution);
				// One tunnel per request (n8n opens a new connection each time), all to Bento's host.
				// The stand-in answers 401 without site_uuid and 400 when it comes twice.
				assert.equal(ctx.tunnels.length, 3);
			});

			test('a 429, a dropped connection and a 503 are retried', async () => {
				await checkRetries(ctx.sandbox, () => ctx.n8n.execute('e2eRetry01'));
			});

			test('a wrong secret is a clear 401', async () => {
				checkWrongKeys(ctx.sandbox, await ctx.n8n.execute('e2eWrongKeys01'), secrets());
			});
		});

		describe('with our class, a credential saved without a Base URL', () => {
			const ctx = useN8nBesideOfficial(major, { port: 5730 + major, official: false });

			test('the credential test passes, against https://app.bentonow.com', async () => {
				await ctx.n8n.start();
				await ctx.n8n.setupOwner();
				const stored = withoutBaseUrl(ctx.sandbox).find((c) => c.id === CREDENTIAL.id);
				const res = await ctx.n8n.rest('POST', '/credentials/test', {
					credentials: { ...CREDENTIAL, type: 'bentoApi', data: stored.data },
				});
				assert.equal(res.status, 200, res.text);
				assert.equal(res.json.data.status, 'OK', JSON.stringify(res.json.data));
				const tags = ctx.sandbox.state.requests.find((r) => r.path === '/api/v1/fetch/tags');
				assert.equal(tags?.status, 200);
				assert.equal(ctx.tunnels.length, 1);
				await ctx.n8n.stop();
			});
		});
	});
}
