import {
	type IDataObject,
	type IExecuteFunctions,
	type INode,
	type INodeExecutionData,
	NodeOperationError,
} from 'n8n-workflow';

import type { Batch } from './batching';
import type { Range } from './words';
import type { DeliveryPlan } from './plan';

/** A count from Bento's answer (`results`, `failed`), or null when it gave none. */
export function toCount(value: unknown): number | null {
	const count = typeof value === 'number' ? value : Number(value);
	return value !== undefined && value !== null && Number.isFinite(count) ? count : null;
}

export interface BatchCounts {
	results: number | null;
	failed: number | null;
	/** The batch's number (1-based), of `count`, and the attempts it took. */
	number: number;
	count: number;
	attempts: number;
}

/** One output item per record of a delivered request: the record as sent, with its counts. */
export function putOutDelivered<T extends IDataObject>(
	plan: DeliveryPlan<T>,
	output: INodeExecutionData[],
	range: Range,
	answer: IDataObject,
	{ results, failed, number, count, attempts }: BatchCounts,
	warning: string | undefined,
): void {
	const { records, itemIndexes, recordKey } = plan;
	const size = range.end - range.start;
	// Each item gets its own objects (a later node may change one item's), cloned from one row:
	// cheaper per item than an object literal with a computed key.
	const row: IDataObject = { [recordKey]: null, results, failed, batch: null };
	if (warning !== undefined) row.warning = warning;
	for (let k = range.start; k < range.end; k++) {
		const json = { ...row };
		json[recordKey] = records[k];
		json.batch = { number, count, size, attempts };
		if (plan.fromAnswer) Object.assign(json, plan.fromAnswer(answer, k - range.start));
		output[plan.outputIndexes[k]] = { json, pairedItem: { item: itemIndexes[k] } };
	}
}

/**
 * The error of record `k` (`bytes` of JSON), which Bento refused as too large (`refusal`, its
 * 413) even alone: that item's, naming its size. `context.alone` marks it for the report.
 */
export function tooLargeAlone<T extends IDataObject>(
	node: INode,
	plan: DeliveryPlan<T>,
	k: number,
	bytes: number,
	refusal: unknown,
): NodeOperationError {
	const item = plan.itemIndexes[k];
	const error = new NodeOperationError(
		node,
		`Item ${item}: its ${plan.recordKey} is ${bytes} bytes of JSON, too large for Bento even alone (${(refusal as Error).message})`,
		{
			itemIndex: item,
			description: `Bento took nothing of it. Make this ${plan.recordKey} smaller (its largest fields) and send it again.`,
		},
	);
	error.context.alone = true;
	return error;
}

/**
 * A dry run's output for the records of `range` of `batch` (of `count`), which the transport held:
 * `{dryRun: true, wouldSend: {method, endpoint}, <recordKey>: the record as it would go, batch:
 * {number, count, size}}`. A batch's body is `{"<bodyKey>": [its records in order]}`, the same
 * JSON as these records'.
 */
export function putOutHeld<T extends IDataObject>(
	plan: DeliveryPlan<T>,
	output: INodeExecutionData[],
	range: Range,
	batch: Batch,
	count: number,
): void {
	const size = range.end - range.start;
	for (let k = range.start; k < range.end; k++) {
		const json: IDataObject = {
			dryRun: true,
			wouldSend: { method: 'POST', endpoint: plan.endpoint },
			[plan.recordKey]: plan.records[k],
			batch: { number: batch.number, count, size },
		};
		output[plan.outputIndexes[k]] = { json, pairedItem: { item: plan.itemIndexes[k] } };
	}
}

/** What a run's batches met, for its hints. */
export interface DeliveryCounts {
	rejected: number;
	refusedAsTooLarge: number;
	/** The records of batches that may have been delivered unconfirmed, in words. */
	maybeSent: string[];
}

/** The run's hints in the output pane: records Bento rejected, 413 splits, maybe-sent batches. */
export function deliveryHints<T extends IDataObject>(
	ctx: IExecuteFunctions,
	{ noun, records, resend }: DeliveryPlan<T>,
	{ rejected, refusedAsTooLarge, maybeSent }: DeliveryCounts,
): void {
	const hint = (message: string) => ctx.addExecutionHints?.({ message, location: 'outputPane' });
	if (rejected > 0)
		hint(
			`Bento rejected ${rejected} of ${records.length} ${noun}. Each output item's "failed" shows its batch's count.`,
		);
	if (refusedAsTooLarge > 0)
		hint(
			`Bento refused ${refusedAsTooLarge} request(s) as too large (413) and took nothing from them: their ${noun} were sent again in halves, none twice. A smaller Batch Size avoids the extra requests.`,
		);
	if (maybeSent.length > 0)
		hint(
			`${maybeSent.length} batch(es) may have been delivered although Bento did not confirm them (${maybeSent.join(', ')}). They were ${resend === 'ifNotSent' ? 'not resent' : 'retried but never confirmed'}: check Bento before sending them again.`,
		);
}
