'use strict';
// Beside the official Bento package: n8n keys credential types by name, so when the official
// `n8n-nodes-bento` is installed too, its `bentoApi` class (no Base URL, Basic auth only, no
// site_uuid) may be the one n8n uses for our node. Here that class replaces ours in the installed
// package, the credentials are saved without a Base URL, and n8n's requests to
// https://app.bentonow.com reach the stand-in through a local proxy (e2e/lib/bentoHost.js).
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { after, before, beforeEach, describe, test } = require('node:test');

const { startBentoSandbox } = require('../sandbox/server');
const { serveBentoHost } = require('./lib/bentoHost');
const { checkBulk, checkRetries, checkWrongKeys } = require('./lib/checks');
const { N8n, ensureN8n, installPackage, packPackage } = require('./lib/n8n');
const { CREDENTIAL, credentials, scenarios } = require('./lib/workflows');

const majors = (process.env.E2E_MAJORS ?? '1,2').split(',').map(Number);
const tarball = packPackage();
const OFFICIAL_CLASS = path.join(__dirname, 'fixtures/official-bentoApi.credentials.js');

/** The credentials as n8n keeps them under the official class: no Base URL. */
const withoutBaseUrl = (sandbox) =>
	credentials(sandbox).map(({ data: { baseUrl: _dropped, ...data }, ...rest }) => ({
		...rest,
		data,
	}));

for (const major of majors) {
	describe(`n8n ${major}.x beside the official package`, () => {
		let sandbox;
		let host;
		let secrets;
		const started = [];

		before(async () => {
			ensureN8n(major);
			sandbox = await startBentoSandbox({ port: 0, secretKey: `sk_e2e_SECRET_${major}_0ff1c1` });
			host = await serveBentoHost(sandbox);
			secrets = [sandbox.keys.secretKey, 'sk_wrong_SECRET_e2e_0000', sandbox.keys.siteUuid];
		});

		after(async () => {
			for (const n8n of started) {
				await n8n.stop();
				n8n.cleanup();
			}
			await host?.close();
			await sandbox?.close();
		});

		beforeEach(() => {
			sandbox.state.requests.length = 0;
			sandbox.state.events.length = 0;
			sandbox.setFaults([]);
			host.tunnels.length = 0;
		});

		/** An n8n with this package installed; `official` puts the official-shaped class in place of ours. */
		async function n8nWith({ official, port }) {
			const n8n = new N8n(major, { port, brokerPort: port + 50, env: host.env });
			started.push(n8n);
			installPackage(n8n.userFolder, tarball);
			if (official) {
				const ours = path.join(
					n8n.userFolder,
					'.n8n/nodes/node_modules/n8n-nodes-bentonow/dist/credentials/BentoApi.credentials.js',
				);
				fs.copyFileSync(OFFICIAL_CLASS, ours);
			}
			await n8n.importCredentials(withoutBaseUrl(sandbox));
			await n8n.importWorkflows(scenarios());
			return n8n;
		}

		describe('with the official class loaded as bentoApi', () => {
			let n8n;
			before(async () => {
				n8n = await n8nWith({ official: true, port: 5720 + major });
			});

			test('2,500 items: 3 requests to the default host with site_uuid once, exact events', async () => {
				const { ok, execution, output } = await n8n.execute('e2eBulkDefine01');
				assert.ok(ok, output.slice(-2000));
				checkBulk(sandbox, execution);
				// One tunnel per request (n8n opens a new connection each time), all to Bento's host.
				// The stand-in answers 401 without site_uuid and 400 when it comes twice.
				assert.deepEqual(host.tunnels, Array(3).fill('app.bentonow.com:443'));
			});

			test('a 429, a dropped connection and a 503 are retried', async () => {
				await checkRetries(sandbox, () => n8n.execute('e2eRetry01'));
			});

			test('a wrong secret is a clear 401', async () => {
				checkWrongKeys(sandbox, await n8n.execute('e2eWrongKeys01'), secrets);
			});
		});

		test('our class: the credential test passes for a credential saved without a Base URL', async () => {
			const n8n = await n8nWith({ official: false, port: 5730 + major });
			await n8n.start();
			await n8n.setupOwner();
			const stored = withoutBaseUrl(sandbox).find((c) => c.id === CREDENTIAL.id);
			const res = await n8n.rest('POST', '/credentials/test', {
				credentials: { ...CREDENTIAL, type: 'bentoApi', data: stored.data },
			});
			assert.equal(res.status, 200, res.text);
			assert.equal(res.json.data.status, 'OK', JSON.stringify(res.json.data));
			const tags = sandbox.state.requests.find((r) => r.path === '/api/v1/fetch/tags');
			assert.equal(tags?.status, 200);
			await n8n.stop();
		});
	});
}
