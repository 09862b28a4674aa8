import {
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	NodeApiError,
	NodeOperationError,
} from 'n8n-workflow';

import type { BentoTransport } from '../transport';
import { type Batch, planBatches } from './batching';
import type { RejectedEventsHandling } from './interfaces';

export interface DeliveryPlan<T extends IDataObject> {
	endpoint: string;
	/** The body's top-level key, e.g. `events` for `{"events": [...]}`. */
	bodyKey: string;
	/** The output key under which each item shows its record as sent, e.g. `event`. */
	recordKey: string;
	/** Validated records, in input order, and the input item each came from. */
	records: T[];
	itemIndexes: number[];
	batchSize: number;
	onRejected: RejectedEventsHandling;
	continueOnFail: boolean;
}

function toCount(value: unknown): number | null {
	const count = typeof value === 'number' ? value : Number(value);
	return value !== undefined && value !== null && Number.isFinite(count) ? count : null;
}

/**
 * Sends the records in batches, in input order, and fills `output` with one item per record,
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
	const { records, itemIndexes } = plan;
	const batches = planBatches(records.length, plan.batchSize);
	// Input item indexes, as n8n shows them: "items 0-1999".
	const items = (from: Batch, to: Batch) =>
		`items ${itemIndexes[from.start]}-${itemIndexes[to.end - 1]}`;
	// "batches 1-2 (items 0-1999)"
	const describe = (from: Batch | undefined, to: Batch | undefined) => {
		if (!from || !to) return 'none';
		const numbers = from === to ? `batch ${from.number}` : `batches ${from.number}-${to.number}`;
		return `${numbers} (${items(from, to)})`;
	};
	let lastDelivered: Batch | undefined;
	let rejectedTotal = 0;

	for (const batch of batches) {
		let failure: NodeApiError | NodeOperationError;
		try {
			const { body, attempts } = await transport.post(plan.endpoint, {
				[plan.bodyKey]: records.slice(batch.start, batch.end),
			});
			const size = batch.end - batch.start;
			const results = toCount(body.results);
			const failed = toCount(body.failed);
			const rejected = failed ?? 0;
			if (rejected > 0 && plan.onRejected === 'error') {
				throw new NodeOperationError(
					ctx.getNode(),
					`Bento rejected ${rejected} of its ${size} events`,
					{
						description:
							'Bento does not say which events it rejected. Check their type, email and fields.',
					},
				);
			}
			rejectedTotal += rejected;
			const extra =
				rejected > 0
					? {
							warning: `Bento rejected ${rejected} of the ${size} events in this batch (it does not say which)`,
						}
					: {};
			for (let k = batch.start; k < batch.end; k++) {
				output[itemIndexes[k]] = {
					json: {
						[plan.recordKey]: records[k],
						results,
						failed,
						batch: { number: batch.number, count: batches.length, size, attempts },
						...extra,
					},
					pairedItem: { item: itemIndexes[k] },
				};
			}
			lastDelivered = batch;
			continue;
		} catch (error) {
			const delivered = describe(batches[0], lastDelivered);
			if (ctx.getExecutionCancelSignal?.()?.aborted) {
				throw new NodeOperationError(
					ctx.getNode(),
					`The execution was cancelled. Delivered: ${delivered}`,
				);
			}
			failure =
				error instanceof NodeApiError || error instanceof NodeOperationError
					? error
					: new NodeOperationError(ctx.getNode(), transport.redact(String(error)));
			const where = `Batch ${batch.number} of ${batches.length} (${items(batch, batch)})`;
			failure.message = `${where} failed: ${failure.message}`;
			if (!plan.continueOnFail) {
				const notDelivered = describe(batch, batches[batches.length - 1]);
				failure.description =
					`${failure.description ?? ''} Delivered: ${delivered}. Not delivered: ${notDelivered}.`.trim();
				throw failure;
			}
		}

		// Only { error }: n8n then routes the item to the error output and merges in its input
		// item, so a retry branch gets exactly the undelivered inputs.
		for (let k = batch.start; k < batch.end; k++) {
			output[itemIndexes[k]] = {
				json: { error: failure.message },
				pairedItem: { item: itemIndexes[k] },
			};
		}
	}

	if (rejectedTotal > 0) {
		ctx.addExecutionHints?.({
			message: `Bento rejected ${rejectedTotal} of ${records.length} events. Each output item's "failed" shows its batch's count.`,
			location: 'outputPane',
		});
	}
}
