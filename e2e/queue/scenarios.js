'use strict';
// Queue mode: the packed package in a real n8n cluster (one main, two `n8n worker`s, Redis,
// PostgreSQL) against the Bento stand-in. `npm run test:queue`; QUEUE_MAJORS=1,2 adds n8n 2.x.
// Not named *.test.js: `npm run test:e2e` (node --test e2e/) must not pick it up.
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { after, before, beforeEach, describe, test } = require('node:test');

const { startBentoSandbox } = require('../../sandbox/server');
const { assertStatuses } = require('../lib/failures');
const { log, packPackage } = require('../lib/n8n');
const { credentials } = require('../lib/workflows');
const { PORTS, QueueCluster, waitFor } = require('./services');
const { PACED_RPM, WORKFLOWS, workflows } = require('./workflows');

const majors = (process.env.QUEUE_MAJORS ?? '1').split(',').map(Number);

// Bento's documented 100 requests per minute, scaled 10x for time: 10 per 600 ms.
// Bento's 100 a minute scaled down to 10 per 600 ms. The stand-in says when its window reopens
// (Retry-After): without it a worker's line would read a refusal as Bento's and wait for the next
// minute, and the scenario would time that wait instead of the workers.
const RATE_LIMIT = { limit: 10, windowMs: 600, retryAfter: 'auto' };
const CONCURRENT = 10;
const EVENTS_EACH = 10_000;
// Pacing is per execution: the (scaled) site limit of 1000/min over 10 executions, a little under.
const LOAD_RPM = 90;

const TERMINAL = new Set(['success', 'error', 'crashed', 'canceled']);
const BATCH_PATH = '/api/v1/batch/events';

const countBy = (list, key) => {
	const counts = {};
	for (const item of list) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
	return counts;
};

const gaps = (times) => times.slice(1).map((at, i) => at - times[i]);

for (const major of majors) {
	describe(`n8n ${major}.x queue mode: main + 2 workers, Redis, PostgreSQL`, () => {
		let tarball;
		let sandbox;
		let cluster;
		let secrets;

		/** Writes a finding to the test output (and stderr, so it shows with any reporter). */
		const note = (t, text) => {
			t.diagnostic(text);
			log(`queue ${major}.x: ${text}`);
		};

		const batchPosts = () => sandbox.state.requests.filter((r) => r.path === BATCH_PATH);

		/** Triggers a production webhook; n8n answers at once and queues the execution. */
		async function hook(webhookPath, body) {
			const res = await fetch(`http://127.0.0.1:${PORTS.main}/webhook/${webhookPath}`, {
				method: 'POST',
				headers: { 'Content-Type': 'application/json' },
				body: JSON.stringify(body),
				signal: AbortSignal.timeout(30_000),
			});
			const text = await res.text();
			assert.equal(res.status, 200, text);
		}

		/** Waits until `count` executions of the workflow have ended; returns them. */
		async function finished(workflowId, count, timeoutMs) {
			return waitFor(
				`${count} finished execution(s) of ${workflowId}`,
				() => {
					const executions = cluster.executions(workflowId);
					const done = executions.filter((e) => TERMINAL.has(e.status));
					return done.length >= count ? done : undefined;
				},
				{ timeoutMs, intervalMs: 500 },
			);
		}

		/**
		 * Asserts how executions ({ id, status }) ended; when not as `expected`, the failure says
		 * n8n's saved error and every process's log lines about them (e2e/lib/failures.js).
		 */
		const ended = (executions, expected, what) =>
			assertStatuses(cluster, executions, expected, {
				what,
				logsOf: (id) => cluster.logsOf(id),
			});

		/** Runs a Manual Trigger workflow through the REST API: n8n runs it in the main process. */
		async function runInMain(workflowId) {
			const saved = await cluster.main.rest('GET', `/workflows/${workflowId}`);
			assert.equal(saved.status, 200, saved.text);
			const run = await cluster.main.rest('POST', `/workflows/${workflowId}/run`, {
				workflowData: saved.json.data,
				triggerToStartFrom: { name: 'Start' },
			});
			assert.equal(run.status, 200, run.text);
			const { executionId } = run.json.data;
			const [execution] = await finished(workflowId, 1, 60_000);
			assert.equal(execution.id, String(executionId));
			return execution;
		}

		before(async () => {
			tarball = process.env.E2E_TARBALL || packPackage();
			sandbox = await startBentoSandbox({
				port: PORTS.sandbox,
				secretKey: `sk_queue_SECRET_${major}_5c4b3a`,
				siteUuid: `site-queue-${major}-0f1e2d`,
			});
			secrets = [sandbox.keys.secretKey, sandbox.keys.siteUuid, 'sk_wrong_SECRET_e2e_0000'];
			cluster = new QueueCluster({ major, tarball });
			await cluster.start();
			secrets.push(cluster.redisPassword, cluster.pgPassword);
			await cluster.importData(
				credentials(sandbox),
				workflows({ loadRequestsPerMinute: LOAD_RPM }),
			);
			await cluster.startN8n();
			await cluster.main.setupOwner();
			await cluster.activate();
		});

		after(async () => {
			await cluster?.stop();
			await sandbox?.close();
			if (tarball && !process.env.E2E_TARBALL)
				fs.rmSync(path.dirname(tarball), { recursive: true, force: true });
		});

		beforeEach(async () => {
			// Nothing of the previous scenario may still be running (it would send to the stand-in).
			await waitFor(
				'no running executions',
				() =>
					cluster.sql(
						`SELECT count(*) FROM execution_entity WHERE status IN ('new', 'running')`,
					)[0][0] === '0',
				{ timeoutMs: 120_000, intervalMs: 500 },
			);
			sandbox.state.requests.length = 0;
			sandbox.state.events.length = 0;
			sandbox.setFaults([]);
			sandbox.setRateLimit(undefined);
		});

		test('10 executions at once, 10,000 events each: 100,000 distinct events in 100 requests, both workers busy', async (t) => {
			sandbox.setRateLimit(RATE_LIMIT);
			const started = Date.now();
			await Promise.all(
				Array.from({ length: CONCURRENT }, (_, run) =>
					hook(WORKFLOWS.load.path, { run, count: EVENTS_EACH }),
				),
			);
			const executions = await finished(WORKFLOWS.load.id, CONCURRENT, 300_000);
			const elapsed = Date.now() - started;
			await ended(executions, 'success', `the ${CONCURRENT} load executions`);

			const { events } = sandbox.state;
			// An execution a worker started twice (Bull took its lock for lost: n8n 1.x runs the
			// job again from its start) sends its events twice: name it and what n8n logged.
			const startedTwice = Object.values(cluster.startedBy())
				.flat()
				.filter((id, at, all) => all.indexOf(id) !== at);
			assert.equal(
				events.length,
				CONCURRENT * EVENTS_EACH,
				`events at the stand-in; started more than once: ${startedTwice.join(', ') || 'none'}` +
					startedTwice
						.flatMap((id) => cluster.logsOf(id))
						.map((line) => `\n  ${line}`)
						.join(''),
			);
			assert.equal(new Set(events.map((e) => e.email)).size, CONCURRENT * EVENTS_EACH);
			assert.equal(sandbox.summary().duplicateUniqueKeys, 0);
			const posts = batchPosts();
			const accepted = posts.filter((r) => r.status === 200);
			const limited = posts.filter((r) => r.status === 429);
			assert.equal(accepted.length, (CONCURRENT * EVENTS_EACH) / 1000);
			assert.ok(accepted.every((r) => r.events === 1000));
			assert.equal(posts.length, accepted.length + limited.length, 'only 200s and 429s');

			// Which worker ran which execution: each worker logs "Worker started execution <id>".
			const ids = executions.map((e) => e.id).sort();
			const byWorker = cluster.startedBy();
			const ran = Object.values(byWorker)
				.flat()
				.filter((id) => ids.includes(id));
			assert.deepEqual(ran.sort(), ids, 'each execution started exactly once, on a worker');
			for (const [worker, list] of Object.entries(byWorker))
				assert.ok(
					list.some((id) => ids.includes(id)),
					`${worker} ran none of them`,
				);
			// Every execution delivered its own 10,000 (its id travels in each event's fields).
			const perExecution = countBy(events, (e) => e.fields.execution);
			assert.deepEqual(Object.keys(perExecution).sort(), ids);
			assert.ok(Object.values(perExecution).every((n) => n === EVENTS_EACH));

			// Pacing held inside each execution on the workers. The pacer spaces request *starts*
			// by 60,000 / LOAD_RPM ms; the stand-in sees arrivals, which a busy event loop delays, so
			// single gaps can be short. What cannot shrink: the k-th accepted request of an
			// execution arrives at least (k - 1) intervals after its first (one interval of slack for
			// the first request's own delay).
			const interval = 60_000 / LOAD_RPM;
			const arrivals = {};
			accepted.forEach((r, k) => {
				// Accepted requests and stored events are in the same order, 1000 events each.
				const execution = events[k * 1000].fields.execution;
				(arrivals[execution] ??= []).push(r.at);
			});
			for (const [execution, times] of Object.entries(arrivals))
				times.forEach((at, k) =>
					assert.ok(
						at - times[0] >= (k - 1) * interval,
						`execution ${execution}: request ${k} ${at - times[0]} ms after the first`,
					),
				);
			const minGap = Math.min(...Object.values(arrivals).flatMap(gaps));
			const spans = Object.values(arrivals).map((times) => times.at(-1) - times[0]);

			const span = posts.at(-1).at - posts[0].at;
			const durations = executions.map((e) => Date.parse(e.stoppedAt) - Date.parse(e.startedAt));
			// Where an execution's time went: each node's own executionTime from its run data.
			const times = executions.map((e) => cluster.nodeTimes(e.id));
			const range = (node) => {
				const values = times.map((x) => x[node]).filter((v) => typeof v === 'number');
				return values.length ? `${Math.min(...values)}-${Math.max(...values)} ms` : 'n/a';
			};
			for (const [worker, list] of Object.entries(byWorker))
				note(t, `${worker} ran executions ${list.filter((id) => ids.includes(id)).join(', ')}`);
			note(
				t,
				`${CONCURRENT} x ${EVENTS_EACH} events, rate limit ${RATE_LIMIT.limit} per ${RATE_LIMIT.windowMs} ms, pacing ${LOAD_RPM}/min per execution: ` +
					`${events.length} distinct events in ${accepted.length} accepted requests + ${limited.length} retried 429s; ` +
					`requests spanned ${span} ms, webhooks to last execution ended ${elapsed} ms; ` +
					`executions took ${Math.min(...durations)}-${Math.max(...durations)} ms each (startedAt to stoppedAt; ` +
					`node time: Generate ${range('Generate')}, Bento ${range('Bento')}); ` +
					`per execution first to last accepted request ${Math.min(...spans)}-${Math.max(...spans)} ms, ` +
					`shortest gap ${minGap} ms (pacing interval ${Math.round(interval)} ms)`,
			);
		});

		test('credential, pacing and retries behave on a worker as in the main process', async (t) => {
			// Pacing: the same workflow (1000 events in 10 requests, 300/min) on a worker and in main.
			const interval = 60_000 / PACED_RPM;
			const measure = () => {
				const times = batchPosts().map((r) => r.at);
				assert.equal(times.length, 10);
				assert.ok(batchPosts().every((r) => r.status === 200));
				// Every attempt's start is paced, k intervals after the first one's. Arrivals add the
				// time a request waits for a busy event loop (over 80 ms seen on a loaded machine), so
				// allow the first request one interval of delay; single gaps may be shorter after a
				// late one, because the pacer keeps to its schedule.
				times.forEach((at, k) =>
					assert.ok(at - times[0] >= (k - 1) * interval, `request ${k}: ${at - times[0]} ms`),
				);
				return { gaps: gaps(times), span: times.at(-1) - times[0] };
			};
			await hook(WORKFLOWS.paced.path, { run: 1 });
			const [onWorker] = await finished(WORKFLOWS.paced.id, 1, 60_000);
			await ended([onWorker], 'success', 'the paced execution on a worker');
			const worker = cluster.workerRunning(onWorker.id);
			assert.ok(worker, `no worker logged execution ${onWorker.id}`);
			const workerPacing = measure();
			sandbox.state.requests.length = 0;
			const inMain = await runInMain(WORKFLOWS.pacedMain.id);
			await ended([inMain], 'success', 'the paced manual execution');
			assert.equal(inMain.mode, 'manual');
			assert.equal(cluster.workerRunning(inMain.id), undefined, 'a worker ran the manual run');
			const mainPacing = measure();
			note(
				t,
				`pacing ${PACED_RPM}/min (${interval} ms): on ${worker.name} gaps ${workerPacing.gaps.join(', ')} ms (span ${workerPacing.span}); ` +
					`in main gaps ${mainPacing.gaps.join(', ')} ms (span ${mainPacing.span})`,
			);

			// Retries: a scripted 429 and a 503, each with Retry-After: 1 (a 429 without one waits for
			// the stand-in's next minute: test/limits covers that without real waiting).
			const retried = async (run) => {
				sandbox.state.requests.length = 0;
				sandbox.state.events.length = 0;
				sandbox.setFaults([
					{ status: 429, headers: { 'Retry-After': '1' } },
					{ status: 503, headers: { 'Retry-After': '1' } },
				]);
				const execution = await run();
				await ended([execution], 'success', 'the retried execution');
				const posts = batchPosts();
				assert.deepEqual(
					posts.map((r) => r.status),
					[429, 503, 200],
				);
				assert.equal(sandbox.state.events.length, 5);
				const afterRefusal = posts[1].at - posts[0].at;
				assert.ok(afterRefusal >= 950, `429's Retry-After honoured: ${afterRefusal} ms`);
				const afterRetryAfter = posts[2].at - posts[1].at;
				assert.ok(afterRetryAfter >= 950, `503's Retry-After honoured: ${afterRetryAfter} ms`);
				return { execution, afterRetryAfter };
			};
			const retryWorker = await retried(async () => {
				await hook(WORKFLOWS.retry.path, { run: 1 });
				return (await finished(WORKFLOWS.retry.id, 1, 60_000))[0];
			});
			const retryWorkerName = cluster.workerRunning(retryWorker.execution.id)?.name;
			assert.ok(retryWorkerName, 'a worker ran the retried execution');
			const retryMain = await retried(() => runInMain(WORKFLOWS.retryMain.id));
			note(
				t,
				`429 and 503, each with Retry-After 1 s, then 200: on ${retryWorkerName} ${retryWorker.afterRetryAfter} ms after the 503, in main ${retryMain.afterRetryAfter} ms`,
			);

			// The credential on a worker: the right keys were accepted above (the stand-in checks
			// Basic auth and site_uuid); wrong keys end the execution with an error, on a worker.
			sandbox.state.requests.length = 0;
			await hook(WORKFLOWS.wrongKey.path, { run: 1 });
			const [wrong] = await finished(WORKFLOWS.wrongKey.id, 1, 60_000);
			await ended([wrong], 'error', 'the wrong-key execution');
			assert.ok(cluster.workerRunning(wrong.id), 'a worker ran the wrong-key execution');
			const statuses = batchPosts().map((r) => r.status);
			assert.ok(statuses.length >= 1 && statuses.every((s) => s === 401), statuses.join());
			const output = cluster.allOutput();
			for (const secret of secrets)
				assert.ok(!output.includes(secret), `a log contains ${secret.slice(0, 6)}...`);
			note(
				t,
				`wrong keys on ${cluster.workerRunning(wrong.id).name}: execution ${wrong.status}, the stand-in answered ${statuses.join(', ')}; no key, site UUID or service password in any process's output`,
			);
		});

		for (const variant of [
			{ name: 'with Unique Key', workflow: WORKFLOWS.kill, keyed: true },
			{ name: 'without Unique Key', workflow: WORKFLOWS.killNoKey, keyed: false },
		]) {
			test(`a worker killed (SIGKILL) mid-execution, ${variant.name}`, async (t) => {
				await hook(variant.workflow.path, { run: 1, count: EVENTS_EACH });
				// Kill once the stand-in saw the execution's first requests.
				await waitFor('the first 3 requests', () => batchPosts().length >= 3, {
					timeoutMs: 60_000,
					intervalMs: 20,
				});
				const executionId = sandbox.state.events[0].fields.execution;
				const victim = cluster.workerRunning(executionId);
				assert.ok(victim, `no worker logged execution ${executionId}`);
				const killedAt = Date.now();
				victim.proc.killGroup('SIGKILL');
				await victim.proc.exited;
				const before = { requests: batchPosts().length, events: sandbox.state.events.length };

				// Then watch what n8n does: another worker's "started" line, the status in Postgres
				// over time, until the execution has ended and no worker still runs it.
				const others = cluster.workers.filter((w) => w !== victim);
				const logged = (what) =>
					others.find((w) =>
						w.proc.output.includes(`Worker ${what} execution ${executionId} (job`),
					);
				let rerun;
				const timeline = [];
				const execution = await waitFor(
					'the killed execution to end',
					() => {
						if (!rerun && logged('started'))
							rerun = { worker: logged('started'), after: Date.now() - killedAt };
						const row = cluster.executions(variant.workflow.id).find((e) => e.id === executionId);
						if (row && row.status !== timeline.at(-1)?.status)
							timeline.push({ status: row.status, after: Date.now() - killedAt });
						const ended = row && TERMINAL.has(row.status);
						return ended && (!rerun || logged('finished')) ? row : undefined;
					},
					{ timeoutMs: 240_000, intervalMs: 250 },
				).catch((error) => ({ id: executionId, status: `not ended: ${error.message}` }));
				const summary = sandbox.summary();
				const emails = sandbox.state.events.map((e) => e.email);
				const distinct = new Set(emails).size;
				const lines = cluster.grepLogs(
					new RegExp(`execution ${executionId}\\b|stalled|crash`, 'i'),
				);
				note(
					t,
					`${variant.name}: killed ${victim.name} (pid ${victim.proc.pid}) after ${before.requests} requests / ${before.events} events; ` +
						`rerun: ${rerun ? `${rerun.worker.name} started it again ${rerun.after} ms after the kill` : 'none seen'}; ` +
						`execution ${executionId} ended ${execution.status}; its status after the kill: ${timeline.map((e) => `${e.status} at ${e.after} ms`).join(', ')}; ` +
						`the stand-in: ${summary.requests} requests ${JSON.stringify(summary.byStatus)}, ${summary.events} events, ${distinct} distinct emails, duplicateUniqueKeys ${summary.duplicateUniqueKeys}; ` +
						`executions of the workflow: ${JSON.stringify(cluster.executions(variant.workflow.id))}`,
				);
				for (const line of lines) note(t, `log: ${line.slice(0, 300)}`);
				// The killed worker comes back for what follows.
				await cluster.startWorker(victim.index);

				// Either way, every event must be at the stand-in at least once in the end, and every
				// resent one is one sent before the kill: with Unique Key it carries the key it had
				// (Bento counts it once); without, it cannot be told from a new event.
				const resent = () => {
					const s = sandbox.summary();
					const unique = new Set(sandbox.state.events.map((e) => e.email)).size;
					assert.equal(unique, EVENTS_EACH, 'every event arrived');
					assert.equal(s.events - unique, before.events, 'the events sent before the kill, again');
					assert.equal(s.duplicateUniqueKeys, variant.keyed ? before.events : 0);
				};
				if (major === 1) {
					// What every run showed (n8n 1.123, Bull's 60 s lock, maxStalledCount 1): once the
					// lock expired, another worker took the same job and ran the same execution again
					// from its start; it ended as a success and nothing marked it crashed.
					assert.ok(rerun, 'another worker ran the execution again');
					await ended([execution], 'success', 'the killed execution');
					assert.equal(cluster.executions(variant.workflow.id).length, 1, 'no new execution');
					resent();
					return;
				}
				// n8n 2.x sets Bull's maxStalledCount to 0: once the lock expired the job failed
				// ("job stalled more than maxStalledCount") and the execution ended as an error, with
				// only the events sent before the kill delivered. What a user does next is retry it.
				assert.equal(rerun, undefined, 'no worker ran it again');
				await ended([execution], 'error', 'the killed execution');
				assert.equal(summary.events, before.events, 'nothing sent after the kill');
				note(
					t,
					`${variant.name}: n8n's error for ${executionId}: ${cluster.executionError(executionId)}`,
				);
				// n8n's Retry (the executions list's button) is written down, not asserted.
				const retry = await cluster.main.rest('POST', `/executions/${executionId}/retry`, {
					loadWorkflow: false,
				});
				const retried = await waitFor(
					'the retry to end',
					() =>
						cluster
							.executions(variant.workflow.id)
							.find((e) => e.retryOf === executionId && TERMINAL.has(e.status)),
					{ timeoutMs: 60_000, intervalMs: 250 },
				).catch(() => undefined);
				note(
					t,
					`${variant.name}: Retry answered ${retry.status}; ` +
						(retried
							? `execution ${retried.id} ended ${retried.status} (${cluster.executionError(retried.id) ?? 'no error'}); `
							: 'no retry execution ended within 60 s; ') +
						`the stand-in now has ${sandbox.summary().events} events`,
				);
				// Sending the same input again (here: the same webhook call) re-delivers everything.
				await hook(variant.workflow.path, { run: 1, count: EVENTS_EACH });
				const again = await waitFor(
					'the re-sent execution to end',
					() =>
						cluster
							.executions(variant.workflow.id)
							.find((e) => !e.retryOf && e.id !== executionId && TERMINAL.has(e.status)),
					{ timeoutMs: 120_000, intervalMs: 250 },
				);
				await ended([again], 'success', 'the re-sent execution');
				const final = sandbox.summary();
				note(
					t,
					`${variant.name}: the same webhook call again: execution ${again.id} ${again.status}; the stand-in: ${final.events} events, duplicateUniqueKeys ${final.duplicateUniqueKeys}`,
				);
				resent();
			});
		}
	});
}
