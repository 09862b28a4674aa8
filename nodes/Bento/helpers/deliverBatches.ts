import {
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	NodeApiError,
	NodeOperationError,
} from 'n8n-workflow';

import type { BentoTransport } from '../transport';
import { type Batch, toBatches } from './batching';
import type { RejectedEventsHandling } from './interfaces';

/** A validated record and the input item it came from. */
export interface Entry<T> {
	itemIndex: number;
	record: T;
}

export interface DeliveryPlan<T extends IDataObject> {
	endpoint: string;
	/** The body's top-level key, e.g. `events` for `{"events": [...]}`. */
	bodyKey: string;
	/** The output key under which each item shows its record as sent, e.g. `event`. */
	recordKey: string;
	entries: Array<Entry<T>>;
	batchSize: number;
	onRejected: RejectedEventsHandling;
	continueOnFail: boolean;
}

function toCount(value: unknown): number | null {
	const count = typeof value === 'number' ? value : Number(value);
	return value !== undefined && value !== null && Number.isFinite(count) ? count : null;
}

function itemRange<T>(batches: Array<Batch<Entry<T>>>): string {
	if (batches.length === 0) return 'none';
	const first = batches[0];
	const last = batches[batches.length - 1];
	const numbers = first === last ? `batch ${first.number}` : `batches ${first.number}-${last.number}`;
	return `${numbers} (items ${first.entries[0].itemIndex}-${last.entries[last.entries.length - 1].itemIndex})`;
}

function label<T>(batch: Batch<Entry<T>>, total: number): string {
	const first = batch.entries[0].itemIndex;
	const last = batch.entries[batch.entries.length - 1].itemIndex;
	return `Batch ${batch.number} of ${total} (items ${first}-${last})`;
}

/**
 * Sends the entries in batches, in input order, and fills `output` with one item per entry,
 * paired to its input: the record as sent with its batch's counts, or, for a batch that failed
 * with Continue On Fail, an error item. Without Continue On Fail the first failed batch stops
 * the run with an error that says which batches were delivered and which were not.
 */
export async function deliverBatches<T extends IDataObject>(
	ctx: IExecuteFunctions,
	transport: BentoTransport,
	plan: DeliveryPlan<T>,
	output: INodeExecutionData[],
): Promise<void> {
	const batches = toBatches(plan.entries, plan.batchSize);
	const delivered: Array<Batch<Entry<T>>> = [];
	let rejectedTotal = 0;

	for (const batch of batches) {
		const where = label(batch, batches.length);
		const batchInfo = { number: batch.number, count: batches.length, size: batch.entries.length };
		let failure: NodeApiError | NodeOperationError;
		try {
			const { body, attempts } = await transport.post(plan.endpoint, {
				[plan.bodyKey]: batch.entries.map((entry) => entry.record),
			});
			const results = toCount(body.results);
			const failed = toCount(body.failed);
			const rejected = failed ?? 0;
			if (rejected > 0 && plan.onRejected === 'error') {
				throw new NodeOperationError(
					ctx.getNode(),
					`Bento rejected ${rejected} of its ${batch.entries.length} events`,
					{ description: 'Bento does not say which events it rejected. Check their type, email and fields.' },
				);
			}
			rejectedTotal += rejected;
			const warning =
				rejected > 0
					? `Bento rejected ${rejected} of the ${batch.entries.length} events in this batch (it does not say which)`
					: undefined;
			for (const { itemIndex, record } of batch.entries) {
				output[itemIndex] = {
					json: {
						[plan.recordKey]: record,
						results,
						failed,
						batch: { ...batchInfo, attempts },
						...(warning ? { warning } : {}),
					},
					pairedItem: { item: itemIndex },
				};
			}
			delivered.push(batch);
			continue;
		} catch (error) {
			if (ctx.getExecutionCancelSignal?.()?.aborted) {
				throw new NodeOperationError(ctx.getNode(), `The execution was cancelled. Delivered: ${itemRange(delivered)}`);
			}
			failure =
				error instanceof NodeApiError || error instanceof NodeOperationError
					? error
					: new NodeOperationError(ctx.getNode(), transport.redactText(String(error)));
			failure.message = `${where} failed: ${failure.message}`;
		}

		if (!plan.continueOnFail) {
			const notSent = batches.slice(batch.number - 1);
			failure.description = `${failure.description ?? ''} Delivered: ${itemRange(delivered)}. Not delivered: ${itemRange(notSent)}.`.trim();
			throw failure;
		}
		// Only { error }: n8n then routes the item to the error output and merges in its input
		// item, so a retry branch gets exactly the undelivered inputs.
		for (const { itemIndex } of batch.entries) {
			output[itemIndex] = { json: { error: failure.message }, pairedItem: { item: itemIndex } };
		}
	}

	if (rejectedTotal > 0) {
		ctx.addExecutionHints?.({
			message: `Bento rejected ${rejectedTotal} of ${plan.entries.length} events. Each output item's "failed" shows its batch's count.`,
			location: 'outputPane',
		});
	}
}
