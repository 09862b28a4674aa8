import {
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	NodeApiError,
	NodeOperationError,
} from 'n8n-workflow';

import { type BentoTransport, mayHaveBeenSent } from '../transport';
import { onceRequestLeft } from '../transport/clock';
import { type Batch, encodeBatch, planBatches } from './batching';
import type { RejectedEventsHandling } from './interfaces';

export interface DeliveryPlan<T extends IDataObject> {
	endpoint: string;
	/** The body's top-level key, e.g. `events` for `{"events": [...]}`. */
	bodyKey: string;
	/** The output key under which each item shows its record as sent, e.g. `event`. */
	recordKey: string;
	/** What the records are, plural, for messages: `events`, `emails`. */
	noun: string;
	/** Validated records, in input order, and the input item each came from. */
	records: T[];
	itemIndexes: number[];
	/** Where each record's output item goes in `output` (an item may give several records). */
	outputIndexes: number[];
	batchSize: number;
	onRejected: RejectedEventsHandling;
	continueOnFail: boolean;
	/** `ifNotSent`: a batch that may have been delivered is reported, never resent (emails). */
	resend?: 'always' | 'ifNotSent';
	/**
	 * What a resend risks and how to make it safe, said when a batch may have been delivered.
	 * Given where duplicates matter: such a batch is then reported as "may have been sent" even
	 * when the user allowed resending it.
	 */
	maybeSentAdvice?: string;
	/** Fields from Bento's answer for one record of a delivered batch (its position in the batch). */
	fromAnswer?: (answer: IDataObject, position: number) => IDataObject;
	/**
	 * Bento's answer names the records it rejected, and `fromAnswer` marks them: the other items
	 * of the batch then carry no "Bento rejected some (it does not say which)" warning.
	 */
	answerNamesRejected?: boolean;
}

function toCount(value: unknown): number | null {
	const count = typeof value === 'number' ? value : Number(value);
	return value !== undefined && value !== null && Number.isFinite(count) ? count : null;
}

interface BatchCounts {
	results: number | null;
	failed: number | null;
	/** The batch's number (1-based), of `count`, and the attempts it took. */
	number: number;
	count: number;
	attempts: number;
}

/** One output item per record of a delivered batch: the record as sent, with the batch's counts. */
function putOutDelivered<T extends IDataObject>(
	plan: DeliveryPlan<T>,
	output: INodeExecutionData[],
	batch: Batch,
	answer: IDataObject,
	{ results, failed, number, count, attempts }: BatchCounts,
	warning: string | undefined,
): void {
	const { records, itemIndexes, recordKey } = plan;
	const size = batch.end - batch.start;
	// Each item gets its own objects (a later node may change one item's), cloned from one row:
	// cheaper per item than an object literal with a computed key.
	const row: IDataObject = { [recordKey]: null, results, failed, batch: null };
	if (warning !== undefined) row.warning = warning;
	for (let k = batch.start; k < batch.end; k++) {
		const json = { ...row };
		json[recordKey] = records[k];
		json.batch = { number, count, size, attempts };
		if (plan.fromAnswer) Object.assign(json, plan.fromAnswer(answer, k - batch.start));
		output[plan.outputIndexes[k]] = { json, pairedItem: { item: itemIndexes[k] } };
	}
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
	const { records, itemIndexes, noun } = plan;
	const batches = planBatches(records.length, plan.batchSize);
	if (batches.length === 0) return;
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
	const maybeSent: Batch[] = [];

	const encode = (batch: Batch) => encodeBatch(plan.bodyKey, records, batch);
	// The last delivered batch's output items, put out while the next batch is in flight.
	let putOutLast: (() => void) | undefined;

	let encoded = encode(batches[0]);
	for (const batch of batches) {
		let failure: NodeApiError | NodeOperationError;
		try {
			const batchItems = itemIndexes.slice(batch.start, batch.end);
			const sending = transport.forItems(batchItems).post(plan.endpoint, encoded, plan.resend);
			// Awaited below; a failure meanwhile must not count as an unhandled rejection.
			sending.catch(() => undefined);
			const following = batches[batch.number];
			// While Bento handles this batch, the node's own work for the others overlaps it
			// instead of adding to it: the last batch's output and the next batch's body.
			// (A run of one batch has nothing to overlap, and does not wait for it.)
			if (following || putOutLast) {
				await onceRequestLeft(() => {
					putOutLast?.();
					putOutLast = undefined;
					if (following) encoded = encode(following);
				});
			}
			const { body, attempts } = await sending;
			const size = batch.end - batch.start;
			// `result` is the singular some sources give for /batch/subscribers.
			const results = toCount(body.results ?? body.result);
			const failed = toCount(body.failed);
			const rejected = failed ?? 0;
			if (rejected > 0 && plan.onRejected === 'error') {
				const accepted = results ?? size - rejected;
				const partly = new NodeOperationError(
					ctx.getNode(),
					`Bento rejected ${rejected} of its ${size} ${noun}`,
					{
						description: `Bento does not say which ${noun} it rejected. Check their data. It took the other ${accepted}: sending the whole batch again would send those twice.`,
					},
				);
				partly.context.partlyDelivered = accepted;
				throw partly;
			}
			rejectedTotal += rejected;
			const warning =
				rejected > 0 && !plan.answerNamesRejected
					? `Bento rejected ${rejected} of the ${size} ${noun} in this batch (it does not say which)`
					: undefined;
			const counts = { results, failed, number: batch.number, count: batches.length, attempts };
			putOutLast = () => putOutDelivered(plan, output, batch, body, counts, warning);
			lastDelivered = batch;
			continue;
		} catch (error) {
			const delivered = describe(batches[0], lastDelivered);
			if ((ctx.getExecutionCancelSignal?.() as AbortSignal | undefined)?.aborted) {
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
			// Only where duplicates matter is "maybe sent" news: elsewhere the batch was just retried.
			const tracksDuplicates = plan.resend === 'ifNotSent' || plan.maybeSentAdvice !== undefined;
			const maybe = tracksDuplicates && mayHaveBeenSent(failure);
			if (maybe) {
				maybeSent.push(batch);
				failure.message = `${where} may have been sent: ${failure.message}`;
				failure.description = [failure.description, plan.maybeSentAdvice].filter(Boolean).join(' ');
			} else {
				failure.message = `${where} failed: ${failure.message}`;
				const accepted = failure.context?.partlyDelivered;
				if (accepted !== undefined)
					failure.message += ` (it took the other ${String(accepted)}: resending the whole batch sends those twice)`;
			}
			if (!plan.continueOnFail) {
				const next = batches[batch.number];
				// A batch Bento took in part is not "not delivered": resending all of it duplicates.
				const partly = failure.context?.partlyDelivered !== undefined;
				const notDelivered = describe(maybe || partly ? next : batch, batches[batches.length - 1]);
				const report = maybe
					? `Delivered: ${delivered}. Maybe sent: ${describe(batch, batch)}. Not sent: ${notDelivered}.`
					: partly
						? `Delivered: ${delivered}. Delivered in part: ${describe(batch, batch)}. Not delivered: ${notDelivered}.`
						: `Delivered: ${delivered}. Not delivered: ${notDelivered}.`;
				failure.description = `${failure.description ?? ''} ${report}`.trim();
				throw failure;
			}
		}

		// Only { error }: n8n then routes the item to the error output and merges in its input
		// item, so a retry branch gets exactly the undelivered inputs.
		for (let k = batch.start; k < batch.end; k++) {
			output[plan.outputIndexes[k]] = {
				json: { error: failure.message },
				pairedItem: { item: itemIndexes[k] },
			};
		}
	}

	putOutLast?.();

	if (rejectedTotal > 0) {
		ctx.addExecutionHints?.({
			message: `Bento rejected ${rejectedTotal} of ${records.length} ${noun}. Each output item's "failed" shows its batch's count.`,
			location: 'outputPane',
		});
	}
	if (maybeSent.length > 0) {
		ctx.addExecutionHints?.({
			message: `${maybeSent.length} batch(es) may have been delivered although Bento did not confirm them (${maybeSent.map((b) => describe(b, b)).join(', ')}). They were ${plan.resend === 'ifNotSent' ? 'not resent' : 'retried but never confirmed'}: check Bento before sending them again.`,
			location: 'outputPane',
		});
	}
}
