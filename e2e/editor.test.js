'use strict';
// The node in the real n8n editor, in headless Chromium (Debian's package, driven by
// playwright-core; only 127.0.0.1 is reachable). Asserts that the Bento node's panel opens and
// shows its parameters; with E2E_SCREENSHOTS=1 it also refreshes the pictures in docs/.
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { after, before, describe, test } = require('node:test');

const { startBentoSandbox } = require('../sandbox/server');
const { loadExamples, sandboxCredential } = require('./lib/examples');
const { N8n, OWNER, ROOT, ensureN8n, installPackage, packPackage } = require('./lib/n8n');

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const majors = (process.env.E2E_MAJORS ?? '1,2').split(',').map(Number);
const screenshots = process.env.E2E_SCREENSHOTS === '1';
const tarball = packPackage();

for (const major of majors) {
	describe(`the Bento node in the n8n ${major}.x editor`, () => {
		let n8n;
		let sandbox;
		let browser;
		let page;

		before(async () => {
			assert.ok(
				fs.existsSync(CHROMIUM),
				`Chromium not found at ${CHROMIUM}: apt-get install chromium`,
			);
			ensureN8n(major);
			sandbox = await startBentoSandbox({ port: 0 });
			n8n = new N8n(major, { port: 5710 + major });
			installPackage(n8n.userFolder, tarball);
			await n8n.importCredentials([sandboxCredential(sandbox)]);
			await n8n.importWorkflows(loadExamples());
			await n8n.start();
			await n8n.setupOwner();

			const { chromium } = require('playwright-core');
			browser = await chromium.launch({
				executablePath: CHROMIUM,
				args: [
					'--headless',
					'--no-sandbox',
					'--disable-gpu',
					'--disable-background-networking',
					'--disable-component-update',
					'--no-first-run',
				],
			});
			const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
			// The editor asks api.n8n.io and others for banners and templates: nothing leaves 127.0.0.1.
			await context.route('**/*', (route) =>
				new URL(route.request().url()).hostname === '127.0.0.1' ? route.continue() : route.abort(),
			);
			page = await context.newPage();
			const login = await page.request.post(`http://127.0.0.1:${n8n.port}/rest/login`, {
				data: { emailOrLdapLoginId: OWNER.email, email: OWNER.email, password: OWNER.password },
			});
			assert.equal(login.status(), 200, await login.text());
		});

		after(async () => {
			await browser?.close();
			await n8n?.stop();
			n8n?.cleanup();
			await sandbox?.close();
		});

		test('the example workflow shows the Bento node on the canvas', async () => {
			await page.goto(`http://127.0.0.1:${n8n.port}/workflow/exBulkImport01`);
			const node = page.locator('[data-test-id="canvas-node"]', { hasText: 'Bento' }).first();
			await node.waitFor({ timeout: 60_000 });
			assert.ok(await node.isVisible());
			if (screenshots && major === 1)
				await page.screenshot({ path: path.join(ROOT, 'docs/workflow-canvas.png') });
		});

		test("the Bento node's panel opens with its parameters", async () => {
			await page.locator('[data-test-id="canvas-node"]', { hasText: 'Bento' }).first().dblclick();
			await page.getByText('Mapping Mode', { exact: true }).first().waitFor({ timeout: 30_000 });
			for (const label of [
				'Resource',
				'Operation',
				'Mapping Mode',
				'Event Type',
				'Email',
				'Fields',
				'Details',
				'Date',
			]) {
				assert.ok(
					(await page.getByText(label, { exact: true }).count()) > 0,
					`the panel shows "${label}"`,
				);
			}
			assert.ok(
				(await page.getByText('Create Events').count()) > 0,
				'the operation is Create Events',
			);
			assert.ok(
				(await page.getByText('Bento sandbox').count()) > 0,
				'the sandbox credential is selected',
			);
			if (screenshots && major === 1) {
				await page.waitForTimeout(500);
				await page.screenshot({ path: path.join(ROOT, 'docs/bento-node-panel.png') });
			}
		});
	});
}
