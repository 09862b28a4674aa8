// The write operations the Retry On Fail tests run, one per engine shape, and the checks every
// run must pass: what Bento took (each record at most once), pairing, and no secret anywhere.
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { SECRETS } from './mockBento';
import { mockBento, type Recorded, type Step } from './mockSending';
import { everythingEmitted, type RunOptions, type RunResult } from './runNode';

type Json = Record<string, unknown>;

export interface WriteCase {
	name: string;
	parameters: Json;
	path: string;
	/** A valid input item `i` (distinct per i) and one that fails the node's checks. */
	valid(i: number): IDataObject;
	invalid: IDataObject;
	/** Who each record of one request is (an address or a subject): to count deliveries. */
	ids(body: Json): string[];
	/** Bento's answer to one accepted request of one record. */
	ok: Step;
}

// Batch Size 1 for the batch writers: one request per record, so a script of answers reaches
// one record at a time. No retries inside the node: n8n's Retry On Fail is what is tested.
const noRetries = { retryDelay: 0, maxRetries: 0, requestsPerMinute: 0 };
const batch = (resource: string, operation: string) => ({
	resource,
	operation,
	mappingMode: 'autoMapInputData',
	options: { ...noRetries, batchSize: 1 },
});
const emailsOf = (key: string, field: string) => (body: Json) =>
	(body[key] as Json[]).map((r) => String(r[field]));

export const WRITE_CASES: WriteCase[] = [
	{
		name: 'Create Events (batch writer)',
		parameters: batch('event', 'create'),
		path: '/batch/events',
		valid: (i) => ({ type: 'signup', email: `p${i}@example.com` }),
		invalid: { type: 'signup', email: 'not-an-email' },
		ids: emailsOf('events', 'email'),
		ok: [200, { results: 1, failed: 0 }],
	},
	{
		name: 'Import Subscribers (batch writer)',
		parameters: batch('subscriber', 'import'),
		path: '/batch/subscribers',
		valid: (i) => ({ email: `p${i}@example.com` }),
		invalid: { email: 'nope' },
		ids: emailsOf('subscribers', 'email'),
		ok: [200, { results: 1, failed: 0 }],
	},
	{
		name: 'Run Command (batch writer)',
		parameters: batch('subscriber', 'runCommand'),
		path: '/fetch/commands',
		valid: (i) => ({ command: 'add_tag', email: `p${i}@example.com`, query: 'vip' }),
		invalid: { command: 'add_tag', email: 'p@example.com' },
		ids: emailsOf('command', 'email'),
		ok: [200, { results: 1, failed: 0 }],
	},
	{
		name: 'Send Emails (batch writer, never resent)',
		parameters: batch('email', 'send'),
		path: '/batch/emails',
		valid: (i) => ({
			to: `p${i}@example.com`,
			from: 'orders@shop.example',
			subject: `Receipt ${i}`,
			html_body: `<p>${i}</p>`,
		}),
		invalid: { to: 'nope', from: 'orders@shop.example', subject: 'x', html_body: '<p>x</p>' },
		ids: emailsOf('emails', 'to'),
		ok: [200, { results: 1 }],
	},
	{
		name: 'Subscriber Create (per item)',
		parameters: {
			resource: 'subscriber',
			operation: 'create',
			email: '={{ $json.email }}',
			options: noRetries,
		},
		path: '/fetch/subscribers',
		valid: (i) => ({ email: `p${i}@example.com` }),
		invalid: { email: 'nope' },
		ids: (body) => [String((body.subscriber as Json).email)],
		ok: [200, {}],
	},
	{
		name: 'Add Email to Sequence (per item, never resent)',
		parameters: {
			resource: 'sequence',
			operation: 'addEmail',
			sequenceId: { __rl: true, mode: 'id', value: 's1' },
			subject: '={{ $json.subject }}',
			html: '={{ $json.html }}',
			options: noRetries,
		},
		path: '/fetch/sequences/s1/emails/templates',
		valid: (i) => ({ subject: `Step ${i}`, html: `<p>${i}</p>` }),
		invalid: { subject: '', html: '<p>x</p>' },
		ids: (body) => [String((body.email_template as Json).subject)],
		ok: [201, { data: { id: '77', type: 'email_templates', attributes: { name: 'x' } } }],
	},
];

/** The node's settings combined with Retry On Fail in these tests. */
export interface Settings {
	label: string;
	options: Pick<RunOptions, 'onError' | 'executeOnce' | 'alwaysOutputData'>;
}

export const SETTINGS: Settings[] = [
	{ label: 'Stop Workflow', options: {} },
	{ label: 'Continue (regular output)', options: { onError: 'continueRegularOutput' } },
	{ label: 'Continue (error output)', options: { onError: 'continueErrorOutput' } },
	{
		label: 'Continue (error output) + Always Output Data',
		options: { onError: 'continueErrorOutput', alwaysOutputData: true },
	},
	{
		label: 'Execute Once + Continue (error output)',
		options: { executeOnce: true, onError: 'continueErrorOutput' },
	},
	{ label: 'Execute Once + Stop Workflow', options: { executeOnce: true } },
];

export const RETRY: Pick<RunOptions, 'retryOnFail'> = {
	retryOnFail: { maxTries: 3, waitBetweenTries: 1 },
};

/** Intercepts the case's endpoint; request n takes `steps[n]`, then `ok` for the rest. */
export function mockCase(write: WriteCase, steps: Step[] = []) {
	return mockBento('POST', write.path, [...steps, write.ok]);
}

/** How many requests carried each record, and how many of them Bento answered with a 2xx. */
export function deliveries(write: WriteCase, requests: Recorded[], steps: Step[] = []) {
	const sent = new Map<string, number>();
	const accepted = new Map<string, number>();
	requests.forEach((request, n) => {
		const step = steps[n] ?? write.ok;
		// A dropped connection after the body went out may have been taken too.
		const took = step === 'reset' || (Array.isArray(step) && step[0] < 300);
		for (const id of write.ids(request.body)) {
			sent.set(id, (sent.get(id) ?? 0) + 1);
			if (took) accepted.set(id, (accepted.get(id) ?? 0) + 1);
		}
	});
	return { sent, accepted };
}

/**
 * Checks every item on both outputs: each carries a pairedItem naming an input item, and, when
 * the node put out one item per input, every input item is named exactly once.
 */
export function expectPairing(result: RunResult, inputCount: number, onePerInput = true) {
	const paired: number[] = [];
	for (const output of result.outputs) {
		for (const item of output as INodeExecutionData[]) {
			// Always Output Data's own empty item, paired to every input by n8n.
			if (Array.isArray(item.pairedItem) && Object.keys(item.json).length === 0) continue;
			const pairs = Array.isArray(item.pairedItem) ? item.pairedItem : [item.pairedItem];
			for (const pair of pairs) {
				const index = typeof pair === 'number' ? pair : pair?.item;
				expect(typeof index).toBe('number');
				expect(index).toBeLessThan(inputCount);
				paired.push(index as number);
			}
		}
	}
	if (onePerInput) expect(paired.sort((a, b) => a - b)).toEqual([...Array(inputCount).keys()]);
}

/** No key, site UUID or Authorization value anywhere in what a run put out. */
export function expectNoSecrets(result: RunResult) {
	const emitted = everythingEmitted(result);
	for (const secret of SECRETS) expect(emitted).not.toContain(secret);
}
