import {
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	NodeApiError,
	NodeOperationError,
} from 'n8n-workflow';

import { type BentoTransport, mayHaveBeenSent } from '../transport';
import { onceRequestLeft } from '../transport/clock';
import { putOutDelivered, toCount, tooLargeAlone } from './batchOutput';
import { BatchWords, type Range } from './batchWords';
import {
	type Batch,
	bodyOverhead,
	encodeBatch,
	MAX_REQUEST_BYTES,
	planBatches,
	serializeRecords,
} from './batching';
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

/** A 413: Bento took nothing of a request it found too large. */
const isTooLarge = (error: unknown) => (error as { httpCode?: unknown })?.httpCode === '413';

/**
 * Sends the records in batches of at most Batch Size records and MAX_REQUEST_BYTES of body, in
 * input order, and fills `output` with one item per record, paired to its input: the record as
 * sent with its batch's counts, or, for a batch that failed with Continue On Fail, an error
 * item. A batch Bento refuses as too large (413: it took nothing) is sent again in halves, down
 * to one record; a record too large alone is its item's error, naming its size. Without Continue
 * On Fail the first failure stops the run with an error that says what was delivered and not.
 */
export async function deliverBatches<T extends IDataObject>(
	ctx: IExecuteFunctions,
	transport: BentoTransport,
	plan: DeliveryPlan<T>,
	output: INodeExecutionData[],
): Promise<void> {
	const { records, itemIndexes, noun } = plan;
	if (records.length === 0) return;
	const serialized = serializeRecords(records, 0);
	const bytes = {
		each: serialized.bytes,
		overhead: bodyOverhead(plan.bodyKey),
		max: MAX_REQUEST_BYTES,
	};
	const planUpTo = (count: number) => {
		serializeRecords(records, count, serialized);
		return planBatches(count, plan.batchSize, bytes);
	};
	// Batch 1 holds at most Batch Size records: planned from those alone, it goes at once, and
	// the other records are serialized and planned while Bento handles it.
	let planned = records.length <= plan.batchSize;
	let batches = planUpTo(Math.min(records.length, plan.batchSize));
	if (!planned) batches = batches.slice(0, 1);
	const planRest = () => {
		if (!planned) batches = planUpTo(records.length);
		planned = true;
	};
	const words = new BatchWords(() => batches, itemIndexes);
	const cancelled = () => (ctx.getExecutionCancelSignal?.() as AbortSignal | undefined)?.aborted;
	let rejectedTotal = 0;
	let refusedAsTooLarge = 0;
	const maybeSent: string[] = [];
	const encode = (range: Range) => encodeBatch(plan.bodyKey, records, range, serialized);
	// The last delivered request's output items, put out while the next request is in flight.
	let putOutLast: (() => void) | undefined;

	const accept = (batch: Batch, range: Range, answer: IDataObject, attempts: number) => {
		const size = range.end - range.start;
		// `result` is the singular some sources give for /batch/subscribers.
		const results = toCount(answer.results ?? answer.result);
		const failed = toCount(answer.failed);
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
		putOutLast?.();
		putOutLast = () => putOutDelivered(plan, output, range, answer, counts, warning);
	};

	const fail = (batch: Batch, range: Range, error: unknown) => {
		const delivered = words.range(0, range.start);
		if (cancelled())
			throw new NodeOperationError(
				ctx.getNode(),
				`The execution was cancelled. Delivered: ${delivered}`,
			);
		const failure =
			error instanceof NodeApiError || error instanceof NodeOperationError
				? error
				: new NodeOperationError(ctx.getNode(), transport.redact(String(error)));
		const where = words.where(batch, range);
		// Only where duplicates matter is "maybe sent" news: elsewhere the batch was just retried.
		const tracksDuplicates = plan.resend === 'ifNotSent' || plan.maybeSentAdvice !== undefined;
		const maybe = tracksDuplicates && mayHaveBeenSent(failure);
		// A request Bento took in part is not "not delivered": resending all of it duplicates.
		const partly = failure.context?.partlyDelivered !== undefined;
		if (maybe) {
			maybeSent.push(words.range(range.start, range.end));
			failure.message = `${where} may have been sent: ${failure.message}`;
			failure.description = [failure.description, plan.maybeSentAdvice].filter(Boolean).join(' ');
		} else if (!failure.context?.alone) {
			failure.message = `${where} failed: ${failure.message}`;
			if (partly)
				failure.message += ` (it took the other ${String(failure.context.partlyDelivered)}: resending the whole batch sends those twice)`;
		}
		if (!plan.continueOnFail) {
			const here = words.range(range.start, range.end);
			const rest = words.range(maybe || partly ? range.end : range.start, records.length);
			const report = maybe
				? `Delivered: ${delivered}. Maybe sent: ${here}. Not sent: ${rest}.`
				: partly
					? `Delivered: ${delivered}. Delivered in part: ${here}. Not delivered: ${rest}.`
					: `Delivered: ${delivered}. Not delivered: ${rest}.`;
			failure.description = `${failure.description ?? ''} ${report}`.trim();
			throw failure;
		}
		// Only { error }: n8n then routes the item to the error output and merges in its input
		// item, so a retry branch gets exactly the undelivered inputs.
		for (let k = range.start; k < range.end; k++) {
			output[plan.outputIndexes[k]] = {
				json: { error: failure.message },
				pairedItem: { item: itemIndexes[k] },
			};
		}
	};

	/** Sends `range` of `batch` as one request (`body`); `overlap` runs while it is in flight. */
	const send = async (batch: Batch, range: Range, body: Buffer, overlap?: () => void) => {
		let failure: unknown;
		try {
			const carried = itemIndexes.slice(range.start, range.end);
			const sending = transport.forItems(carried).post(plan.endpoint, body, plan.resend);
			// Awaited below; a failure meanwhile must not count as an unhandled rejection.
			sending.catch(() => undefined);
			if (overlap) await onceRequestLeft(overlap);
			const { body: answer, attempts } = await sending;
			return accept(batch, range, answer, attempts);
		} catch (error) {
			failure = error;
		}
		if (isTooLarge(failure) && !cancelled()) {
			refusedAsTooLarge++;
			if (range.end - range.start > 1) {
				// Halves, in order: each is known to the rerun record by its own items.
				const middle = Math.ceil((range.start + range.end) / 2);
				for (const half of [
					{ start: range.start, end: middle },
					{ start: middle, end: range.end },
				])
					await send(batch, half, encode(half));
				return;
			}
			failure = tooLargeAlone(
				ctx.getNode(),
				plan,
				range.start,
				serialized.bytes[range.start],
				failure,
			);
		}
		fail(batch, range, failure);
	};

	let encoded = encode(batches[0]);
	for (let index = 0; index < batches.length; index++) {
		const batch = batches[index];
		// While Bento handles this batch, the node's own work for the others overlaps it instead
		// of adding to it: the last batch's output, the plan and the next batch's body. (A run
		// of one batch has nothing to overlap, and does not wait for it.)
		const overlap =
			index + 1 < batches.length || !planned || putOutLast
				? () => {
						putOutLast?.();
						putOutLast = undefined;
						planRest();
						const following = batches[index + 1];
						if (following) encoded = encode(following);
					}
				: undefined;
		await send(batch, batch, encoded, overlap);
	}
	putOutLast?.();

	const hint = (message: string) => ctx.addExecutionHints?.({ message, location: 'outputPane' });
	if (rejectedTotal > 0)
		hint(
			`Bento rejected ${rejectedTotal} of ${records.length} ${noun}. Each output item's "failed" shows its batch's count.`,
		);
	if (refusedAsTooLarge > 0)
		hint(
			`Bento refused ${refusedAsTooLarge} request(s) as too large (413) and took nothing from them: their ${noun} were sent again in halves, none twice. A smaller Batch Size avoids the extra requests.`,
		);
	if (maybeSent.length > 0)
		hint(
			`${maybeSent.length} batch(es) may have been delivered although Bento did not confirm them (${maybeSent.join(', ')}). They were ${plan.resend === 'ifNotSent' ? 'not resent' : 'retried but never confirmed'}: check Bento before sending them again.`,
		);
}
