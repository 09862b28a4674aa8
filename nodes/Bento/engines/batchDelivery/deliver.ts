import {
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	NodeOperationError,
} from 'n8n-workflow';

import type { BentoTransport } from '../../transport';
import { onceRequestLeft } from '../../transport/clock';
import {
	type Batch,
	bodyOverhead,
	encodeBatch,
	MAX_REQUEST_BYTES,
	planBatches,
	type SerializedRecords,
	serializeRecords,
} from './batching';
import { failureOf, partlyRejected, putOutErrors, stoppedRun } from './failure';
import { putOutDelivered, toCount, tooLargeAlone } from './output';
import type { DeliveryPlan } from './plan';
import { BatchWords, type Range } from './words';

export type { DeliveryPlan } from './plan';

/** What came of one request: Bento's answer, a 413 (it took nothing: too large), or a failure. */
type Outcome =
	| { kind: 'delivered'; answer: IDataObject; attempts: number }
	| { kind: 'tooLarge'; error: unknown }
	| { kind: 'failed'; error: unknown };

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
	if (plan.records.length === 0) return;
	await new BatchDelivery(ctx, transport, plan, output).run();
}

/** One run's batch delivery: the batches as planned so far, and what to report at its end. */
class BatchDelivery<T extends IDataObject> {
	private readonly serialized: SerializedRecords;

	private batches: Batch[];

	/** Whether every record is in `batches` (batch 1 goes before the others are planned). */
	private planned: boolean;

	private readonly words: BatchWords;

	private rejected = 0;

	private refusedAsTooLarge = 0;

	/** The records of batches that may have been delivered unconfirmed, in words. */
	private readonly maybeSent: string[] = [];

	/** The last delivered request's output items, put out while the next request is in flight. */
	private putOutLast?: () => void;

	constructor(
		private readonly ctx: IExecuteFunctions,
		private readonly transport: BentoTransport,
		private readonly plan: DeliveryPlan<T>,
		private readonly output: INodeExecutionData[],
	) {
		const { records, batchSize } = plan;
		this.serialized = serializeRecords(records, 0);
		// Batch 1 holds at most Batch Size records: planned from those alone, it goes at once, and
		// the other records are serialized and planned while Bento handles it.
		this.planned = records.length <= batchSize;
		const first = this.planUpTo(Math.min(records.length, batchSize));
		this.batches = this.planned ? first : first.slice(0, 1);
		this.words = new BatchWords(() => this.batches, plan.itemIndexes);
	}

	async run(): Promise<void> {
		let encoded = this.encode(this.batches[0]);
		for (let index = 0; index < this.batches.length; index++) {
			// While Bento handles this batch, the node's own work for the others overlaps it instead
			// of adding to it: the last batch's output, the plan and the next batch's body. (A run
			// of one batch has nothing to overlap, and does not wait for it.)
			const hasWork = index + 1 < this.batches.length || !this.planned || this.putOutLast;
			const overlap = hasWork
				? () => {
						this.flushOutput();
						this.planRest();
						const following = this.batches[index + 1];
						if (following) encoded = this.encode(following);
					}
				: undefined;
			const batch = this.batches[index];
			await this.send(batch, batch, encoded, overlap);
		}
		this.flushOutput();
		this.hints();
	}

	/** Sends `range` of `batch` as one request (`body`) and acts on what came of it. */
	private async send(batch: Batch, range: Range, body: Buffer, overlap?: () => void) {
		const outcome = await this.outcomeOf(range, body, overlap);
		if (outcome.kind === 'delivered')
			this.delivered(batch, range, outcome.answer, outcome.attempts);
		else if (outcome.kind === 'tooLarge') await this.tooLarge(batch, range, outcome.error);
		else this.failed(batch, range, outcome.error);
	}

	/** POSTs `body`, its records' items carried for the rerun record; `overlap` runs meanwhile. */
	private async outcomeOf(range: Range, body: Buffer, overlap?: () => void): Promise<Outcome> {
		const { endpoint, itemIndexes, resend } = this.plan;
		try {
			const items = itemIndexes.slice(range.start, range.end);
			const sending = this.transport.post(endpoint, body, { items, resend });
			// Awaited below; a failure meanwhile must not count as an unhandled rejection.
			sending.catch(() => undefined);
			if (overlap) await onceRequestLeft(overlap);
			const { body: answer, attempts } = await sending;
			return { kind: 'delivered', answer, attempts };
		} catch (error) {
			return isTooLarge(error) && !this.cancelled()
				? { kind: 'tooLarge', error }
				: { kind: 'failed', error };
		}
	}

	/**
	 * Bento answered: each record's output item, put out while the next request is in flight.
	 * Bento rejected some of them (`failed`): a warning on each, or with On Rejected "error", the
	 * batch fails, saying Bento took the others.
	 */
	private delivered(batch: Batch, range: Range, answer: IDataObject, attempts: number): void {
		const { noun } = this.plan;
		const size = range.end - range.start;
		// `result` is the singular some sources give for /batch/subscribers.
		const results = toCount(answer.results ?? answer.result);
		const failed = toCount(answer.failed);
		const rejected = failed ?? 0;
		if (rejected > 0 && this.plan.onRejected === 'error') {
			const accepted = results ?? size - rejected;
			const node = this.ctx.getNode();
			return this.failed(batch, range, partlyRejected(node, noun, { size, rejected, accepted }));
		}
		this.rejected += rejected;
		const warning =
			rejected > 0 && !this.plan.answerNamesRejected
				? `Bento rejected ${rejected} of the ${size} ${noun} in this batch (it does not say which)`
				: undefined;
		const counts = { results, failed, number: batch.number, count: this.batches.length, attempts };
		this.flushOutput();
		const { plan, output } = this;
		this.putOutLast = () => putOutDelivered(plan, output, range, answer, counts, warning);
	}

	/** Bento took nothing (413): sent again in halves, in order; one record alone is its error. */
	private async tooLarge(batch: Batch, range: Range, refusal: unknown): Promise<void> {
		this.refusedAsTooLarge++;
		if (range.end - range.start > 1) {
			// Each half is known to the rerun record by its own items.
			const middle = Math.ceil((range.start + range.end) / 2);
			for (const half of [
				{ start: range.start, end: middle },
				{ start: middle, end: range.end },
			])
				await this.send(batch, half, this.encode(half));
			return;
		}
		const bytes = this.serialized.bytes[range.start];
		const node = this.ctx.getNode();
		this.failed(batch, range, tooLargeAlone(node, this.plan, range.start, bytes, refusal));
	}

	/**
	 * The request failed: without Continue On Fail the run stops, saying what was delivered and
	 * not; with it, its records' items are error items and the next batch goes.
	 */
	private failed(batch: Batch, range: Range, error: unknown): void {
		if (this.cancelled())
			throw new NodeOperationError(
				this.ctx.getNode(),
				`The execution was cancelled. Delivered: ${this.words.range(0, range.start)}`,
			);
		const where = this.words.where(batch, range);
		const { failure, as } = failureOf(this.ctx, this.transport, this.plan, where, error);
		if (as === 'maybeSent') this.maybeSent.push(this.words.range(range.start, range.end));
		if (!this.plan.continueOnFail)
			throw stoppedRun(failure, as, this.words, range, this.plan.records.length);
		putOutErrors(this.plan, this.output, range, failure.message);
	}

	private hints(): void {
		const { noun, records, resend } = this.plan;
		const hint = (message: string) =>
			this.ctx.addExecutionHints?.({ message, location: 'outputPane' });
		if (this.rejected > 0)
			hint(
				`Bento rejected ${this.rejected} of ${records.length} ${noun}. Each output item's "failed" shows its batch's count.`,
			);
		if (this.refusedAsTooLarge > 0)
			hint(
				`Bento refused ${this.refusedAsTooLarge} request(s) as too large (413) and took nothing from them: their ${noun} were sent again in halves, none twice. A smaller Batch Size avoids the extra requests.`,
			);
		if (this.maybeSent.length > 0)
			hint(
				`${this.maybeSent.length} batch(es) may have been delivered although Bento did not confirm them (${this.maybeSent.join(', ')}). They were ${resend === 'ifNotSent' ? 'not resent' : 'retried but never confirmed'}: check Bento before sending them again.`,
			);
	}

	private flushOutput(): void {
		this.putOutLast?.();
		this.putOutLast = undefined;
	}

	private planUpTo(count: number): Batch[] {
		serializeRecords(this.plan.records, count, this.serialized);
		const bytes = {
			each: this.serialized.bytes,
			overhead: bodyOverhead(this.plan.bodyKey),
			max: MAX_REQUEST_BYTES,
		};
		return planBatches(count, this.plan.batchSize, bytes);
	}

	private planRest(): void {
		if (!this.planned) this.batches = this.planUpTo(this.plan.records.length);
		this.planned = true;
	}

	private encode(range: Range): Buffer {
		return encodeBatch(this.plan.bodyKey, this.plan.records, range, this.serialized);
	}

	private cancelled(): boolean | undefined {
		const signal = this.ctx.getExecutionCancelSignal?.() as AbortSignal | undefined;
		return signal?.aborted;
	}
}
