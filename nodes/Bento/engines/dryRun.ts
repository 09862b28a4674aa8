import type { IDataObject, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { Invalid } from '../helpers/invalid';
import type { BentoRequest } from '../transport';

// Dry Run: every item is read, checked and prepared exactly as in a real run, up to the
// transport, which in a dry run sends nothing (BentoTransport.request throws a HeldRequest before
// its record, its pacing and the account's line). The engines turn what it held into output items.

/**
 * The Dry Run option. Every write operation offers it: the batch writer's options have it by
 * construction (engines/options.ts, batchOptions), a per-item write adds it with
 * `writeRequestOptions` (actions/common.descriptions.ts).
 */
export const dryRunOption: INodeProperties = {
	displayName: 'Dry Run',
	name: 'dryRun',
	type: 'boolean',
	default: false,
	description:
		'Whether to only show what would be sent: every item is checked and prepared as in a real run, and its output item says what would go to Bento (endpoint, the record as it would go, its batch) or why it would be refused. Nothing is sent and no rate-limit budget is used.',
};

/** A request's body as JSON: a batch's encoded bytes are read back (the same text as sent). */
function bodyOf(body: BentoRequest['body']): unknown {
	return Buffer.isBuffer(body) ? JSON.parse(body.toString('utf8')) : body;
}

/**
 * A per-item request's dry-run output: `{dryRun: true, wouldSend: {method, endpoint, qs?,
 * body?}}`. A read (GET) comes first in a real run and what follows depends on its answer: said
 * in `note`.
 */
export function heldRequestItem(request: BentoRequest, itemIndex: number): INodeExecutionData {
	const wouldSend: IDataObject = { method: request.method, endpoint: request.endpoint };
	if (request.qs !== undefined) wouldSend.qs = request.qs;
	if (request.body !== undefined) wouldSend.body = bodyOf(request.body) as IDataObject;
	const json: IDataObject = { dryRun: true, wouldSend };
	if (request.method === 'GET')
		json.note =
			'A real run reads this first; what it sends next depends on the answer, so it is not shown';
	return { json, pairedItem: { item: itemIndex } };
}

/** An item a real run would refuse: `{dryRun: true, refused: "Item 3: ...", field}`. */
export function refusedItem(problem: Invalid, itemIndex: number): INodeExecutionData {
	return {
		json: { dryRun: true, refused: `Item ${itemIndex}: ${problem.message}`, field: problem.field },
		pairedItem: { item: itemIndex },
	};
}

/**
 * The hint of a dry run: what would be sent (`wouldSend`, in words: "3 request(s)") and which
 * items refused. Without Continue On Fail a real run stops at the first refused item before
 * sending anything (both engines check every item first).
 */
export function dryRunHint(wouldSend: string, refused: number[], continueOnFail: boolean): string {
	const stop =
		refused.length > 0 && !continueOnFail
			? ` Without Continue On Fail a real run would stop at item ${refused[0]} and send nothing.`
			: '';
	return `Dry run: nothing was sent. Would send ${wouldSend}; ${refused.length} item(s) refused.${stop}`;
}
