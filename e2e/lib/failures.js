'use strict';
// The one way an e2e suite checks how executions ended: when one did not end as expected, the
// assertion's message carries what n8n saved about it (status, and each error's node, message,
// description, HTTP code and stack), so a flake can be told from a bug from the test output alone.
const assert = require('node:assert/strict');

// How much of one error's stack, and how many executions of a list, a message spells out.
const STACK_LINES = 12;
const MAX_EXPLAINED = 5;
const LOG_TAIL = 3000;

/**
 * The errors n8n saved in an execution's parsed run data: the execution's own
 * (resultData.error) first, then each node run's not already named. [{ node, error }].
 */
function savedErrors(execution) {
	const result = execution?.data?.resultData ?? {};
	const found = [];
	if (result.error)
		found.push({ node: result.error.node?.name ?? result.lastNodeExecuted, error: result.error });
	for (const [node, runs] of Object.entries(result.runData ?? {}))
		for (const run of runs ?? [])
			if (
				run?.error &&
				!found.some((f) => f.node === node && f.error.message === run.error.message)
			)
				found.push({ node, error: run.error });
	return found;
}

/**
 * What n8n saved about how an execution ended, as text: "execution 12 (webhook) ended error
 * after 3.2 s", then per error its node, message, description, HTTP code and first stack lines.
 * `execution` is a saved execution with its run data parsed (`N8n.savedExecution`, `execute()`).
 */
function describeExecution(execution) {
	if (!execution) return 'no saved execution (n8n printed no run data)';
	const took =
		execution.startedAt && execution.stoppedAt
			? ` after ${((Date.parse(execution.stoppedAt) - Date.parse(execution.startedAt)) / 1000).toFixed(1)} s`
			: '';
	const head = `execution ${execution.id ?? '?'}${execution.mode ? ` (${execution.mode})` : ''} ended ${execution.status ?? '?'}${took}`;
	const errors = savedErrors(execution);
	if (!errors.length)
		return `${head}; n8n saved no error${execution.data ? '' : ' and no run data'} (last node: ${execution.data?.resultData?.lastNodeExecuted ?? 'none'})`;
	const lines = [head];
	for (const { node, error } of errors) {
		lines.push(`  node "${node ?? '?'}": ${error.name ?? 'Error'}: ${error.message}`);
		if (error.description) lines.push(`    description: ${error.description}`);
		if (error.httpCode) lines.push(`    HTTP code: ${error.httpCode}`);
		const stack = String(error.stack ?? '')
			.split('\n')
			.slice(1, STACK_LINES);
		for (const line of stack) lines.push(`    ${line.trim()}`);
	}
	return lines.join('\n');
}

/**
 * Asserts that a run from `n8n.execute()` ({ ok, execution, log }) succeeded; else fails with
 * n8n's saved error and the end of what n8n printed while it ran. Returns the run.
 */
function assertSucceeded(run, what = 'the execution') {
	if (!run.ok)
		assert.fail(
			`${what} did not succeed: ${describeExecution(run.execution)}\n` +
				`--- n8n's log while it ran (last ${LOG_TAIL} characters):\n${String(run.log ?? run.output ?? '').slice(-LOG_TAIL)}`,
		);
	return run;
}

/**
 * Asserts that every execution of `executions` ([{ id, status }]) ended `expected`. When some did
 * not, fails with the statuses and, for the first MAX_EXPLAINED of those, n8n's saved error
 * read over `n8n`'s REST API (a running N8n, owner signed in), plus `logsOf(id)`'s lines.
 * @param {{ savedExecution: (id: string) => Promise<object> }} n8n
 * @param {{ id: string, status: string }[]} executions
 * @param {string} [expected] 'success' unless given
 * @param {{ what?: string, logsOf?: (id: string) => string[] }} [options]
 */
async function assertStatuses(n8n, executions, expected = 'success', options = {}) {
	const wrong = executions.filter((e) => e.status !== expected);
	if (!wrong.length) return;
	const explained = [];
	for (const { id, status } of wrong.slice(0, MAX_EXPLAINED)) {
		const saved = await n8n.savedExecution(id).catch((error) => error);
		explained.push(
			saved instanceof Error
				? `execution ${id} ended ${status}; its saved execution could not be read: ${saved.message}`
				: describeExecution(saved),
		);
		for (const line of options.logsOf?.(id) ?? []) explained.push(`  log: ${line.slice(0, 400)}`);
	}
	const more =
		wrong.length > MAX_EXPLAINED ? `\n(${wrong.length - MAX_EXPLAINED} more not shown)` : '';
	assert.fail(
		`${options.what ?? 'executions'}: ${wrong.length} of ${executions.length} did not end ${expected} ` +
			`(statuses: ${executions.map((e) => `${e.id} ${e.status}`).join(', ')})\n${explained.join('\n')}${more}`,
	);
}

module.exports = { assertStatuses, assertSucceeded, describeExecution, savedErrors };
