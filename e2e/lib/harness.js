'use strict';
// What every e2e suite sets up for one n8n major: the stand-in, one running n8n with this package
// installed (`n8n start`, ready in a few seconds), the sandbox credentials and the suite's
// workflows created in it over REST; and tears it down after. Each `ctx.n8n.execute(id)` is then
// a run over HTTP in that same n8n, not a cold CLI process.
const { after, before } = require('node:test');

const { startBentoSandbox } = require('../../sandbox/server');
const { assertStatuses, assertSucceeded } = require('./failures');
const { N8n, ensureN8n, installPackage, packPackage } = require('./n8n');
const { e2ePort } = require('./ports');
const { credentials } = require('./workflows');

const majors = () => (process.env.E2E_MAJORS ?? '1,2').split(',').map(Number);

let packed;
/**
 * The package as npm would publish it, built once per process; `npm run test:e2e` packs once
 * for all suites and passes the tarball in E2E_TARBALL.
 */
function tarball() {
	packed ??= process.env.E2E_TARBALL || packPackage();
	return packed;
}

const runOf = (execution, node) => execution?.data?.resultData?.runData?.[node]?.[0];
const itemsOf = (execution, node, output = 0) => runOf(execution, node)?.data?.main?.[output] ?? [];

/**
 * Registers before/after hooks of the enclosing describe block; returns an object whose
 * `n8n` (running, owner signed in) and `sandbox` are set once the before hook ran.
 * Workflows saved with `active: true` are activated; ids given in the JSON work everywhere
 * (`ctx.n8n.execute(id)`, `rest`, `cli`), `ctx.n8n.idOf(id)` gives n8n's own.
 * @param {1|2} major
 * @param {{ port: number, brokerPort: number, workflows: () => object[], sandbox?: object,
 *   credentials?: (sandbox) => object[], env?: object | ((ctx) => object),
 *   setup?: (ctx) => Promise<void>, prepare?: (ctx) => Promise<void> | void,
 *   cleanup?: (ctx) => Promise<void> }} options
 *   setup runs once the stand-in is up, before n8n is made; prepare once the package is
 *   installed, before the credentials and workflows are imported; cleanup after n8n stopped.
 */
function useN8n(major, options) {
	const ctx = { n8n: undefined, sandbox: undefined };
	before(async () => {
		ensureN8n(major);
		ctx.sandbox = await startBentoSandbox({ port: 0, ...options.sandbox });
		await options.setup?.(ctx);
		ctx.n8n = new N8n(major, {
			port: e2ePort(options.port),
			brokerPort: e2ePort(options.brokerPort),
			env: typeof options.env === 'function' ? options.env(ctx) : options.env,
		});
		installPackage(ctx.n8n.userFolder, tarball());
		await options.prepare?.(ctx);
		await ctx.n8n.start();
		await ctx.n8n.setupOwner();
		await ctx.n8n.importCredentials((options.credentials ?? credentials)(ctx.sandbox));
		await ctx.n8n.importWorkflows(options.workflows());
	});
	after(async () => {
		await ctx.n8n?.stop();
		ctx.n8n?.cleanup();
		await options.cleanup?.(ctx);
		await ctx.sandbox?.close();
	});
	return ctx;
}

module.exports = { assertStatuses, assertSucceeded, itemsOf, majors, runOf, tarball, useN8n };
