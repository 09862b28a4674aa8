'use strict';
// The node in the real n8n editor, in headless Chromium (Debian's package, driven by
// playwright-core; only 127.0.0.1 is reachable). Asserts that the Bento node's panel opens and
// shows its parameters, that the Resource picker offers every resource, and that a tag picker's
// "From List" fills from the stand-in through n8n's backend (the node's listSearch method with the
// credential), and that the Bento Trigger's panel shows its setup; with E2E_SCREENSHOTS=1 it also refreshes the pictures in docs/.
// E2E_EDITOR_PORT_BASE (default 5710) moves n8n's ports: base + major, broker base + 50 + major * 10.
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { after, before, describe, test } = require('node:test');

const { startBentoSandbox } = require('../sandbox/server');
const { loadExamples, sandboxCredential, webhookCredential } = require('./lib/examples');
const { tarball } = require('./lib/harness');
const { N8n, OWNER, ROOT, ensureN8n, installPackage } = require('./lib/n8n');
const { e2ePort } = require('./lib/ports');

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const majors = (process.env.E2E_MAJORS ?? '1,2').split(',').map(Number);
const screenshots = process.env.E2E_SCREENSHOTS === '1';
const PORT_BASE = Number(process.env.E2E_EDITOR_PORT_BASE ?? 5710);
// The Resource options as the editor shows them (nodes/Bento/Bento.node.ts), in order.
const RESOURCES = [
	'Broadcast',
	'Email',
	'Email Template',
	'Event',
	'Field',
	'Form',
	'Segment',
	'Sequence',
	'Stat',
	'Subscriber',
	'Tag',
	'Utility',
	'Workflow',
];
// Tags added to the stand-in's one (`customer`), so the picker has a list to show.
const EXTRA_TAGS = ['lead', 'newsletter', 'vip'];
// Fields added to the stand-in's one (`first_name`), for Create Events' field rows.
const EXTRA_FIELDS = ['company', 'plan'];

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
			for (const name of EXTRA_TAGS)
				sandbox.state.store.tags.push({
					name,
					created_at: '2024-01-01T00:00:00Z',
					discarded_at: null,
				});
			for (const key of EXTRA_FIELDS)
				sandbox.state.store.fields.push({
					key,
					name: key,
					whitelisted: null,
					created_at: '2024-01-01T00:00:00Z',
				});
			n8n = new N8n(major, {
				port: e2ePort(PORT_BASE + major),
				brokerPort: e2ePort(PORT_BASE + 50 + major * 10),
			});
			installPackage(n8n.userFolder, tarball());
			await n8n.start();
			await n8n.setupOwner();
			await n8n.importCredentials([sandboxCredential(sandbox), webhookCredential()]);
			await n8n.importWorkflows(loadExamples());

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
			await page.goto(`http://127.0.0.1:${n8n.port}/workflow/${n8n.idOf('exBulkImport01')}`);
			const node = page.locator('[data-test-id="canvas-node"]', { hasText: 'Bento' }).first();
			await node.waitFor({ timeout: 60_000 });
			assert.ok(await node.isVisible());
			if (screenshots && major === 1) {
				// The node icons arrive a moment after the nodes: wait for the Bento icon and every
				// other icon image to have loaded.
				await node.locator('img').first().waitFor({ timeout: 30_000 });
				await page.waitForFunction(() =>
					[...document.querySelectorAll('[data-test-id="canvas-node"] img')].every(
						(img) => img.complete && img.naturalWidth > 0,
					),
				);
				await page.waitForTimeout(300);
				await page.screenshot({ path: path.join(ROOT, 'docs/workflow-canvas.png') });
			}
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

		test('the Resource picker lists all 13 resources', async () => {
			// In the panel the previous test opened.
			await page.locator('[data-test-id="parameter-input-resource"]').click();
			const items = page.locator('.el-select-dropdown__item:visible');
			await items.filter({ hasText: 'Workflow' }).first().waitFor({ timeout: 15_000 });
			const shown = (await items.allInnerTexts()).map((text) => text.trim());
			assert.deepEqual(shown, RESOURCES);
			await page.keyboard.press('Escape');
		});

		test("a tag picker's From List shows the stand-in's tags, read through n8n's backend", async () => {
			// Within the app, as a user would: the workflow list, then the workflow. n8n 1.x does not
			// reload the canvas on a route from one workflow straight to another, and a fresh page
			// load of the editor costs 5-20 s more on this machine (n8n's router follows popstate).
			await page.evaluate(() => {
				history.pushState(null, '', '/home/workflows');
				dispatchEvent(new PopStateEvent('popstate'));
			});
			const card = page.getByText('Bento: import customers as subscribers').first();
			await card.waitFor({ timeout: 30_000 });
			await card.click();
			const node = page.locator('[data-test-id="canvas-node"]', {
				hasText: 'Import Subscribers',
			});
			await node.first().waitFor({ timeout: 60_000 });
			await node.first().dblclick();
			const picker = page.locator('[data-test-id="resource-locator-tag"]').first();
			await picker.waitFor({ timeout: 30_000 });
			// Centre the picker so its list opens below it, in view.
			await picker.evaluate((element) => element.scrollIntoView({ block: 'center' }));
			const seen = sandbox.state.requests.length;
			await picker.locator('[data-test-id="rlc-input"]').click();
			const items = page.locator('[data-test-id="rlc-item"]');
			await items.filter({ hasText: 'vip' }).first().waitFor({ timeout: 30_000 });
			const shown = (await items.allInnerTexts()).map((text) => text.trim());
			assert.deepEqual(shown, ['customer', ...EXTRA_TAGS].sort());

			const reads = sandbox.state.requests
				.slice(seen)
				.filter((r) => r.method === 'GET' && r.path === '/api/v1/fetch/tags');
			assert.ok(reads.length > 0, 'the sandbox saw GET /api/v1/fetch/tags');
			for (const read of reads) {
				assert.equal(read.status, 200);
				assert.match(read.userAgent ?? '', /^n8n-nodes-bentonow\//);
			}
			if (screenshots && major === 1) {
				await page.waitForTimeout(500);
				await page.screenshot({ path: path.join(ROOT, 'docs/subscriber-import-panel.png') });
			}
			await page.keyboard.press('Escape');
		});

		test("Create Events' field rows: the key picker lists the stand-in's fields", async () => {
			await page.keyboard.press('Escape');
			await page.evaluate(() => {
				history.pushState(null, '', '/home/workflows');
				dispatchEvent(new PopStateEvent('popstate'));
			});
			const card = page.getByText('Bento: shop orders to $purchase events, without JSON').first();
			await card.waitFor({ timeout: 30_000 });
			await card.click();
			const node = page.locator('[data-test-id="canvas-node"]', { hasText: 'Track Purchase' });
			await node.first().waitFor({ timeout: 60_000 });
			await node.first().dblclick();
			for (const label of ['Fields', 'Fields (JSON)', 'Purchase', 'Details', 'Details (JSON)']) {
				await page.getByText(label, { exact: true }).first().waitFor({ timeout: 30_000 });
			}
			if (screenshots && major === 1) {
				// The orders in the input panel, as a user sees them before dragging.
				await page.getByRole('button', { name: 'Execute previous nodes' }).click();
				await page.getByText('order_id').first().waitFor({ timeout: 60_000 });
			}
			const picker = page.locator('[data-test-id="resource-locator-key"]').first();
			await picker.waitFor({ timeout: 30_000 });
			await picker.evaluate((element) => element.scrollIntoView({ block: 'center' }));
			const seen = sandbox.state.requests.length;
			await picker.locator('[data-test-id="rlc-input"]').click();
			const items = page.locator('[data-test-id="rlc-item"]');
			await items.filter({ hasText: 'company' }).first().waitFor({ timeout: 30_000 });
			// n8n lists the row's current value (first_name) first, then the rest.
			const shown = (await items.allInnerTexts()).map((text) => text.trim());
			assert.deepEqual(shown.sort(), ['first_name', ...EXTRA_FIELDS].sort());

			const reads = sandbox.state.requests
				.slice(seen)
				.filter((r) => r.method === 'GET' && r.path === '/api/v1/fetch/fields');
			assert.ok(reads.length > 0, 'the sandbox saw GET /api/v1/fetch/fields');
			for (const read of reads) assert.equal(read.status, 200);
			if (screenshots && major === 1) {
				await page.waitForTimeout(500);
				await page.screenshot({ path: path.join(ROOT, 'docs/create-events-fields.png') });
			}
			await page.keyboard.press('Escape');
			if (screenshots && major === 1) {
				const amount = page.getByText('Amount', { exact: true }).first();
				await amount.evaluate((element) => element.scrollIntoView({ block: 'start' }));
				await page.waitForTimeout(500);
				await page.screenshot({ path: path.join(ROOT, 'docs/create-events-purchase.png') });
			}
		});

		test("the Bento Trigger's panel shows the setup, the body to paste and its URLs", async () => {
			await page.evaluate(() => {
				history.pushState(null, '', '/home/workflows');
				dispatchEvent(new PopStateEvent('popstate'));
			});
			const card = page.getByText('Bento Trigger: a Bento purchase to a Slack message').first();
			await card.waitFor({ timeout: 30_000 });
			await card.click();
			const node = page.locator('[data-test-id="canvas-node"]', { hasText: 'Bento Trigger' });
			await node.first().waitFor({ timeout: 60_000 });
			await node.first().dblclick();
			await page.getByText('Body for Bento', { exact: true }).first().waitFor({ timeout: 30_000 });
			for (const label of [
				'Authentication',
				'Event Types',
				'Workflows',
				'Output',
				'Webhook URLs',
			]) {
				assert.ok(
					(await page.getByText(label, { exact: true }).count()) > 0,
					`the panel shows "${label}"`,
				);
			}
			assert.ok(
				(await page.getByText('Send webhook', { exact: false }).count()) > 0,
				"the setup notice names Bento's Send webhook action",
			);
			assert.ok(
				(await page.getByText('Bento webhook secret').count()) > 0,
				'the example credential is selected',
			);
			// The test and production URLs, opened as a user copying one would.
			await page.getByText('Webhook URLs', { exact: true }).first().click();
			await page
				.getByText('2b7d4e1a-8c3f-4a6e-9d21-5f0c7b3a1e84/webhook')
				.first()
				.waitFor({ timeout: 15_000 });
			if (screenshots && major === 1) {
				await page.waitForTimeout(500);
				await page.screenshot({ path: path.join(ROOT, 'docs/trigger-panel.png') });
			}
			await page.keyboard.press('Escape');
		});
	});
}
