'use strict';
// n8n in queue mode for real: Redis, PostgreSQL, one n8n main and two `n8n worker` processes,
// all on 127.0.0.1 and ports 5800-5899 (moved by E2E_PORT_BASE, or the `ports` given), with throwaway data under one
// temp folder. Everything started here is stopped by its process id (each child leads its own
// process group, because n8n may spawn task runners and postgres spawns backends), on success,
// on failure and when this process exits or is interrupted; the temp folder is deleted with it.
const { spawn, spawnSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { savedErrors } = require('../lib/failures');
const { N8n, ensureN8n, installPackage, log } = require('../lib/n8n');
const { e2ePort } = require('../lib/ports');

const PORTS = {
	main: e2ePort(5801),
	workerHealth: [e2ePort(5802), e2ePort(5803)],
	// The task-runner broker binds a port in every n8n process: one each.
	brokers: [e2ePort(5811), e2ePort(5812), e2ePort(5813)],
	redis: e2ePort(5820),
	postgres: e2ePort(5830),
	sandbox: e2ePort(5840),
};

const PG_BIN = findPostgresBin();

function findPostgresBin() {
	const base = '/usr/lib/postgresql';
	if (!fs.existsSync(base)) return undefined;
	const versions = fs
		.readdirSync(base)
		.filter((v) => fs.existsSync(path.join(base, v, 'bin/postgres')))
		.sort((a, b) => Number(b) - Number(a));
	return versions.length ? path.join(base, versions[0], 'bin') : undefined;
}

/** Installs Debian's redis-server and postgresql when they are missing (CI machines). */
function ensureServices() {
	if (commandExists('redis-server') && PG_BIN) return;
	log('installing redis-server and postgresql (Debian packages)');
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	for (const args of [
		['update', '-qq'],
		['install', '-y', '-qq', '--no-install-recommends', 'redis-server', 'postgresql'],
	]) {
		const result = spawnSync('apt-get', args, { stdio: 'inherit', env, timeout: 600_000 });
		if (result.status !== 0) throw new Error(`apt-get ${args[0]} failed (${result.status})`);
	}
	if (!commandExists('redis-server') || !findPostgresBin())
		throw new Error('redis-server or postgresql still missing after apt-get install');
}

function commandExists(command) {
	return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `check` until it returns something truthy; every wait here has a deadline. */
async function waitFor(what, check, { timeoutMs = 60_000, intervalMs = 250 } = {}) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await check();
		if (value) return value;
		if (Date.now() > deadline)
			throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
		await sleep(intervalMs);
	}
}

// Children still running, so that an exit or a signal can end them (by process group id).
const live = new Set();
// Temp folders to delete on exit.
const folders = new Set();

function emergencyCleanup() {
	for (const proc of live) proc.killGroup('SIGKILL');
	for (const folder of folders) fs.rmSync(folder, { recursive: true, force: true });
}
process.on('exit', emergencyCleanup);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
	process.once(signal, () => {
		emergencyCleanup();
		process.exit(128 + os.constants.signals[signal]);
	});
}

/** A child process in its own process group, its output kept in memory and in a log file. */
class Proc {
	constructor(name, command, args, { env, cwd, logDir }) {
		this.name = name;
		this.output = '';
		this.child = spawn(command, args, {
			env,
			cwd,
			detached: true,
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		this.pid = this.child.pid;
		live.add(this);
		const file = logDir ? fs.createWriteStream(path.join(logDir, `${name}.log`)) : undefined;
		let partial = '';
		const collect = (chunk) => {
			// n8n colours its console logs and prints no times: keep plain text, each line stamped
			// with the time it arrived (HH:MM:SS.mmm), for matching and for the report.
			const text = partial + chunk.toString('utf8').replace(/\x1b\[[0-9;]*m/g, '');
			const lines = text.split('\n');
			partial = lines.pop();
			const stamp = new Date().toISOString().slice(11, 23);
			const stamped = lines.map((line) => `${stamp} ${line}\n`).join('');
			this.output += stamped;
			file?.write(stamped);
		};
		this.child.stdout.on('data', collect);
		this.child.stderr.on('data', collect);
		this.exited = new Promise((resolve) =>
			this.child.once('exit', (code, signal) => {
				// What the leader spawned goes with it; then forget the group id, which the system
				// may hand out again.
				this.killGroup('SIGKILL');
				live.delete(this);
				file?.end();
				resolve({ code, signal });
			}),
		);
	}

	get running() {
		return this.child.exitCode === null && this.child.signalCode === null;
	}

	/** Signals the whole group (the child and whatever it spawned); quiet if it is gone. */
	killGroup(signal) {
		try {
			process.kill(-this.pid, signal);
		} catch {
			// already gone
		}
	}

	/** Asks the leader to stop, waits `graceMs`, then kills the group. */
	async stop(signal = 'SIGTERM', graceMs = 15_000) {
		if (!this.running) return;
		this.child.kill(signal);
		await Promise.race([this.exited, sleep(graceMs)]);
		if (this.running) this.killGroup('SIGKILL');
		await Promise.race([this.exited, sleep(5_000)]);
	}

	async waitForOutput(what, pattern, timeoutMs = 60_000) {
		return waitFor(
			`${this.name}: ${what}`,
			() => {
				if (!this.running && !pattern.test(this.output))
					throw new Error(`${this.name} exited early:\n${this.output.slice(-3000)}`);
				return pattern.exec(this.output);
			},
			{ timeoutMs },
		);
	}
}

async function startRedis(root, password, port) {
	const dir = path.join(root, 'redis');
	fs.mkdirSync(dir);
	// The password goes in a config file (0600), not on the command line where `ps` shows it.
	const conf = path.join(dir, 'redis.conf');
	fs.writeFileSync(
		conf,
		[
			`bind 127.0.0.1`,
			`port ${port}`,
			`dir ${dir}`,
			`save ""`,
			`appendonly no`,
			`requirepass ${password}`,
			`daemonize no`,
		].join('\n'),
		{ mode: 0o600 },
	);
	const redis = new Proc('redis', 'redis-server', [conf], {
		env: process.env,
		logDir: path.join(root, 'logs'),
	});
	await redis.waitForOutput('ready', /Ready to accept connections/, 30_000);
	return redis;
}

/** Runs a PostgreSQL binary as the `postgres` user: PostgreSQL refuses to run as root. */
function asPostgres(binary, args) {
	return [
		'setpriv',
		['--reuid=postgres', '--regid=postgres', '--init-groups', path.join(PG_BIN, binary), ...args],
	];
}

async function startPostgres(root, password, port) {
	const dir = path.join(root, 'pg');
	const socketDir = path.join(root, 'pg-socket');
	const pwfile = path.join(root, 'pg-password');
	fs.mkdirSync(dir, { mode: 0o700 });
	fs.mkdirSync(socketDir);
	fs.writeFileSync(pwfile, password, { mode: 0o600 });
	for (const p of [dir, socketDir, pwfile]) spawnSync('chown', ['postgres:postgres', p]);
	const env = { ...process.env, HOME: root, LC_ALL: 'C' };
	const [cmd, initArgs] = asPostgres('initdb', [
		'-D',
		dir,
		'-U',
		'postgres',
		'--auth-local=trust',
		'--auth-host=scram-sha-256',
		`--pwfile=${pwfile}`,
		'-E',
		'UTF8',
		'--no-locale',
		'--no-sync',
	]);
	const init = spawnSync(cmd, initArgs, { env, encoding: 'utf8', timeout: 120_000 });
	fs.rmSync(pwfile, { force: true });
	if (init.status !== 0) throw new Error(`initdb failed:\n${init.stdout}\n${init.stderr}`);
	// Throwaway data: durability settings off, which makes n8n's migrations much faster.
	const [pgCmd, pgArgs] = asPostgres('postgres', [
		'-D',
		dir,
		'-h',
		'127.0.0.1',
		'-p',
		String(port),
		'-k',
		socketDir,
		'-c',
		'fsync=off',
		'-c',
		'synchronous_commit=off',
		'-c',
		'full_page_writes=off',
		'-c',
		'max_connections=100',
	]);
	const postgres = new Proc('postgres', pgCmd, pgArgs, { env, logDir: path.join(root, 'logs') });
	await postgres.waitForOutput('ready', /database system is ready to accept connections/, 60_000);
	return postgres;
}

/** Runs one SQL statement over TCP as the throwaway superuser; returns rows of tab-separated fields. */
function sql(password, query, database = 'n8n', port = PORTS.postgres) {
	const result = spawnSync(
		path.join(PG_BIN, 'psql'),
		[
			'-h',
			'127.0.0.1',
			'-p',
			String(port),
			'-U',
			'postgres',
			'-d',
			database,
			'-At',
			'-F',
			'\t',
			'-v',
			'ON_ERROR_STOP=1',
			'-c',
			query,
		],
		{
			env: { ...process.env, PGPASSWORD: password },
			encoding: 'utf8',
			timeout: 30_000,
			// Stored run data of 10,000 items is several MB.
			maxBuffer: 512 * 1024 * 1024,
		},
	);
	if (result.status !== 0) throw new Error(`psql failed: ${result.error ?? ''} ${result.stderr}`);
	return result.stdout
		.split('\n')
		.filter((line) => line !== '')
		.map((line) => line.split('\t'));
}

/** An n8n process of the queue-mode cluster: the shared user folder, Postgres and Redis. */
class QueueN8n extends N8n {
	constructor(major, { userFolder, port, brokerPort, queueEnv, role }) {
		super(major, { userFolder, port, brokerPort });
		this.queueEnv = queueEnv;
		this.role = role;
	}

	env(extra = {}) {
		return super.env({ ...this.queueEnv, ...extra });
	}
}

/**
 * The whole cluster. `start()` brings it up (and tears down what it started if that fails);
 * `stop()` ends every process and deletes the data. Options:
 *   major: 1 | 2; tarball: the packed package; workers: how many (2);
 *   concurrency: jobs per worker (5, so that 10 executions need both workers);
 *   ports: PORTS by default; another set ({ main, workerHealth: [one per worker], brokers: [one
 *   for main and one per worker], redis, postgres }) lets a second cluster run beside it.
 */
class QueueCluster {
	constructor({ major = 1, tarball, workers = 2, concurrency = 5, ports = PORTS } = {}) {
		this.major = major;
		this.ports = ports;
		this.tarball = tarball;
		this.workerCount = workers;
		this.concurrency = concurrency;
		this.workers = [];
		this.procs = [];
		// Throwaway secrets: never printed, gone with the folder.
		this.redisPassword = crypto.randomBytes(18).toString('hex');
		this.pgPassword = crypto.randomBytes(18).toString('hex');
	}

	async start() {
		try {
			await this.startUnsafe();
		} catch (error) {
			await this.stop();
			throw error;
		}
	}

	async startUnsafe() {
		ensureServices();
		ensureN8n(this.major);
		this.root = fs.mkdtempSync(path.join(os.tmpdir(), `bento-queue${this.major}-`));
		folders.add(this.root);
		// The postgres user must be able to reach its data folder inside.
		fs.chmodSync(this.root, 0o755);
		this.logDir = path.join(this.root, 'logs');
		fs.mkdirSync(this.logDir);
		const started = Date.now();

		this.redis = await startRedis(this.root, this.redisPassword, this.ports.redis);
		this.procs.push(this.redis);
		this.postgres = await startPostgres(this.root, this.pgPassword, this.ports.postgres);
		this.procs.push(this.postgres);
		sql(this.pgPassword, 'CREATE DATABASE n8n', 'postgres', this.ports.postgres);
		log(`queue mode: Redis and PostgreSQL up after ${Date.now() - started} ms`);

		const userFolder = path.join(this.root, 'n8n');
		fs.mkdirSync(userFolder);
		installPackage(userFolder, this.tarball);
		this.queueEnv = {
			EXECUTIONS_MODE: 'queue',
			QUEUE_BULL_REDIS_HOST: '127.0.0.1',
			QUEUE_BULL_REDIS_PORT: String(this.ports.redis),
			QUEUE_BULL_REDIS_PASSWORD: this.redisPassword,
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(this.ports.postgres),
			DB_POSTGRESDB_DATABASE: 'n8n',
			DB_POSTGRESDB_USER: 'postgres',
			DB_POSTGRESDB_PASSWORD: this.pgPassword,
			// Bull's job lock stays at n8n's default (60 s, renewed every 10 s): shorter locks expire
			// under load on this 2-core machine and Bull then runs healthy jobs twice. Only the check
			// for expired locks runs more often (default 30 s), which changes nothing but how soon
			// a killed worker's job is noticed.
			QUEUE_WORKER_STALLED_INTERVAL: '5000',
			// n8n's Postgres pool is 2 connections per process, each waited for at most 20 s. A
			// worker running 5 executions of 10,000 items saves megabytes of run data for each; on
			// a loaded machine (load 15-17) the other executions' queries (a job's start, the Bento
			// node's credential) waited past 20 s for a connection and failed with pg-pool's
			// "timeout exceeded when trying to connect" (3 of 10 executions ended `error`). One
			// connection per job a worker may run and two to spare, each waited for up to 60 s.
			DB_POSTGRESDB_POOL_SIZE: String(this.concurrency + 2),
			DB_POSTGRESDB_CONNECTION_TIMEOUT: '60000',
			N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
			N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '10',
			QUEUE_WORKER_TIMEOUT: '10',
			N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
			N8N_LOG_LEVEL: 'info',
			N8N_LOG_OUTPUT: 'console',
		};
		this.main = new QueueN8n(this.major, {
			userFolder,
			port: this.ports.main,
			brokerPort: this.ports.brokers[0],
			queueEnv: this.queueEnv,
			role: 'main',
		});
		this.userFolder = userFolder;
	}

	/**
	 * Imports credentials and workflows. n8n 1.x activates the active ones on import (queue mode
	 * allows --activeState=fromJson); 2.x refuses that before an owner exists ("without
	 * permissions"), so `activate()` does it through the REST API once the owner is set up.
	 */
	async importData(credentials, workflows) {
		await this.main.importCredentials(credentials);
		const file = path.join(this.userFolder, `workflows-${Date.now()}.json`);
		fs.writeFileSync(file, JSON.stringify(workflows));
		const activeState = this.major === 1 ? ['--activeState=fromJson'] : [];
		const result = await this.main.cli(['import:workflow', `--input=${file}`, ...activeState]);
		if (result.code !== 0)
			throw new Error(`n8n import:workflow failed:\n${result.stdout}\n${result.stderr}`);
		this.toActivate = workflows.filter((w) => w.active).map((w) => w.id);
	}

	/** n8n 2.x: activates (publishes) the imported active workflows as the owner. */
	async activate() {
		if (this.major === 1) return;
		for (const id of this.toActivate) {
			const saved = await this.main.rest('GET', `/workflows/${id}`);
			if (saved.status !== 200)
				throw new Error(`GET workflow ${id}: ${saved.status} ${saved.text}`);
			const res = await this.main.rest('POST', `/workflows/${id}/activate`, {
				versionId: saved.json.data.versionId,
			});
			if (res.status !== 200) throw new Error(`activate ${id}: ${res.status} ${res.text}`);
		}
	}

	/** Starts the main process and the workers and waits until all are ready. */
	async startN8n() {
		try {
			const started = Date.now();
			this.mainProc = this.spawnN8n(this.main, ['start'], 'main');
			await waitFor(
				'n8n main readiness',
				async () => {
					if (!this.mainProc.running)
						throw new Error(`n8n main exited:\n${this.mainProc.output.slice(-3000)}`);
					return httpOk(`http://127.0.0.1:${this.ports.main}/healthz/readiness`);
				},
				{ timeoutMs: 180_000, intervalMs: 500 },
			);
			// Readiness comes before the active workflows' webhooks are registered.
			await this.mainProc.waitForOutput('active workflows', /Editor is now accessible/, 120_000);
			log(`queue mode: n8n main ready after ${Date.now() - started} ms`);
			await Promise.all(Array.from({ length: this.workerCount }, (_, i) => this.startWorker(i)));
			log(`queue mode: ${this.workerCount} workers ready after ${Date.now() - started} ms`);
		} catch (error) {
			await this.stop();
			throw error;
		}
	}

	/**
	 * Starts `count` webhook processors (`n8n webhook`), processor i on ports.webhooks[i] with its
	 * task-runner broker on ports.webhookBrokers[i]: in queue mode they take the production
	 * webhook calls and put each execution on the queue for the workers, as n8n's docs set up
	 * behind a load balancer. Resolves once each serves /healthz.
	 */
	async startWebhookProcessors(count) {
		const started = Date.now();
		this.webhookProcs = await Promise.all(
			Array.from({ length: count }, async (_, i) => {
				const instance = new QueueN8n(this.major, {
					userFolder: this.userFolder,
					port: this.ports.webhooks[i],
					brokerPort: this.ports.webhookBrokers[i],
					queueEnv: this.queueEnv,
					role: 'webhook',
				});
				const proc = this.spawnN8n(instance, ['webhook'], `webhook${i + 1}`);
				await waitFor(
					`webhook processor ${i + 1} readiness`,
					async () => {
						if (!proc.running)
							throw new Error(`webhook processor ${i + 1} exited:\n${proc.output.slice(-3000)}`);
						return httpOk(`http://127.0.0.1:${this.ports.webhooks[i]}/healthz`);
					},
					{ timeoutMs: 180_000, intervalMs: 500 },
				);
				return proc;
			}),
		);
		log(`queue mode: ${count} webhook processors ready after ${Date.now() - started} ms`);
	}

	spawnN8n(instance, args, name, env = {}) {
		const proc = new Proc(name, 'node', [...instance.bin(), ...args], {
			env: instance.env(env),
			cwd: instance.userFolder,
			logDir: this.logDir,
		});
		this.procs.push(proc);
		return proc;
	}

	/** Starts (or restarts) worker `index`; resolves once its health server says it is ready. */
	async startWorker(index) {
		const instance = new QueueN8n(this.major, {
			userFolder: this.userFolder,
			port: this.ports.main,
			brokerPort: this.ports.brokers[1 + index],
			queueEnv: this.queueEnv,
			role: 'worker',
		});
		const healthPort = this.ports.workerHealth[index];
		const generation = (this.workers[index]?.generation ?? 0) + 1;
		const proc = this.spawnN8n(
			instance,
			['worker', `--concurrency=${this.concurrency}`],
			`worker${index + 1}${generation > 1 ? `-restart${generation - 1}` : ''}`,
			{ QUEUE_HEALTH_CHECK_ACTIVE: 'true', QUEUE_HEALTH_CHECK_PORT: String(healthPort) },
		);
		const worker = { index, name: `worker${index + 1}`, proc, generation, healthPort };
		this.workers[index] = worker;
		await waitFor(
			`${worker.name} readiness`,
			async () => {
				if (!proc.running) throw new Error(`${worker.name} exited:\n${proc.output.slice(-3000)}`);
				return httpOk(`http://127.0.0.1:${healthPort}/healthz/readiness`);
			},
			{ timeoutMs: 120_000, intervalMs: 500 },
		);
		// n8n sets up the Bull consumer before it logs this and opens the health server.
		await proc.waitForOutput('consumer', /n8n worker is now ready/, 30_000);
		return worker;
	}

	/** Execution ids each worker process logged as started, keyed by the process's name. */
	startedBy() {
		const byWorker = {};
		for (const proc of this.procs.filter((p) => p.name.startsWith('worker'))) {
			byWorker[proc.name] = [...proc.output.matchAll(/Worker started execution (\S+) \(job/g)].map(
				(m) => m[1],
			);
		}
		return byWorker;
	}

	/** The worker process (current or past) that logged starting `executionId` last. */
	workerRunning(executionId) {
		return this.workers.find((w) =>
			w.proc.output.includes(`Worker started execution ${executionId} (job`),
		);
	}

	sql(query) {
		return sql(this.pgPassword, query, 'n8n', this.ports.postgres);
	}

	/** Executions of a workflow in Postgres: [{ id, status, mode, startedAt, stoppedAt }]. */
	executions(workflowId) {
		return this.sql(
			`SELECT id, status, mode, "startedAt", "stoppedAt", "retryOf" FROM execution_entity WHERE "workflowId" = '${workflowId}' ORDER BY id`,
		).map(([id, status, mode, startedAt, stoppedAt, retryOf]) => ({
			id,
			status,
			mode,
			startedAt,
			stoppedAt,
			retryOf,
		}));
	}

	/** Execution `id`'s run data as Postgres holds it, parsed ({ resultData }), or undefined. */
	runData(id) {
		const [row] = this.sql(`SELECT data FROM execution_data WHERE "executionId" = ${Number(id)}`);
		return row ? this.main.flatted().parse(row[0]) : undefined;
	}

	/** Each node's own run time (ms) in an execution, from its stored run data (for the report). */
	nodeTimes(id) {
		const runData = this.runData(id)?.resultData?.runData ?? {};
		return Object.fromEntries(
			Object.entries(runData).map(([node, runs]) => [node, runs?.[0]?.executionTime]),
		);
	}

	/** The first error message n8n stored for an execution, if any (for the report). */
	executionError(id) {
		return savedErrors({ data: this.runData(id) })[0]?.error.message;
	}

	/** The log lines of every process about execution `id` (for a failure). */
	logsOf(id) {
		return this.grepLogs(new RegExp(`execution ${Number(id)}\\b`, 'i'));
	}

	/**
	 * Execution `id` as n8n saved it, read from Postgres itself (n8n's REST API answers 503 when
	 * its own pool is starved): { id, status, mode, startedAt, stoppedAt, data: { resultData } }.
	 */
	async savedExecution(id) {
		const [row] = this.sql(
			`SELECT id, status, mode, "startedAt", "stoppedAt" FROM execution_entity WHERE id = ${Number(id)}`,
		);
		if (!row) throw new Error(`no execution ${id} in Postgres`);
		const [executionId, status, mode, startedAt, stoppedAt] = row;
		return { id: executionId, status, mode, startedAt, stoppedAt, data: this.runData(id) };
	}

	/** Every log line of every process mentioning `text` (for the report). */
	grepLogs(pattern) {
		const lines = [];
		for (const proc of this.procs)
			for (const line of proc.output.split('\n'))
				if (pattern.test(line)) lines.push(`${proc.name}: ${line.trim()}`);
		return lines;
	}

	/** All output, for checks that nothing secret was printed. */
	allOutput() {
		return this.procs.map((p) => p.output).join('\n');
	}

	async stop() {
		// Workers and main first (they hold connections), then the services.
		const n8nProcs = this.procs.filter((p) => p !== this.redis && p !== this.postgres);
		await Promise.all(n8nProcs.map((p) => p.stop('SIGTERM', 20_000)));
		// Postgres: SIGINT is its fast shutdown.
		if (this.postgres) await this.postgres.stop('SIGINT', 15_000);
		if (this.redis) await this.redis.stop('SIGTERM', 10_000);
		if (this.root) {
			// QUEUE_LOGS=<folder> keeps every process's log (e.g. to read after a failure).
			if (process.env.QUEUE_LOGS)
				fs.cpSync(this.logDir, path.join(process.env.QUEUE_LOGS, `n8n${this.major}`), {
					recursive: true,
				});
			fs.rmSync(this.root, { recursive: true, force: true });
			folders.delete(this.root);
		}
	}
}

async function httpOk(url) {
	try {
		const res = await fetch(url, { signal: AbortSignal.timeout(5_000) });
		await res.arrayBuffer();
		return res.ok;
	} catch {
		return false;
	}
}

module.exports = { PORTS, QueueCluster, sleep, waitFor };
