import {
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	NodeOperationError,
} from 'n8n-workflow';

import { type BentoTransport, HeldRequest } from '../../transport';
import { onceRequestLeft } from '../../transport/clock';
import type { Batch } from './batching';
import { BatchPlan } from './batchPlan';
import { giveEarlierOutcomes, splitByEarlierWrites } from './earlierWrites';
import { failureOf, partlyRejected, putOutErrors, stoppedRun } from './failure';
import { deliveryHints, putOutDelivered, putOutHeld, toCount, tooLargeAlone } from './output';
import type { DeliveryPlan } from './plan';
import { BatchWords, type Range } from './words';

export type { DeliveryPlan } from './plan';

/**
 * What came of one request: Bento's answer, a 413 (it took nothing: too large), a failure, or
 * in a dry run nothing (the transport held it).
 */
type Outcome =
	| { kind: 'held' }
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
 * In a dry run each record's item says which request it would go in (see putOutHeld). Returns
 * the number of batches. On n8n's next try (Retry On Fail) nothing an earlier try's write carried
 * is sent again: see splitByEarlierWrites.
 */
export async function deliverBatches<T extends IDataObject>(
	ctx: IExecuteFunctions,
	transport: BentoTransport,
	plan: DeliveryPlan<T>,
	output: INodeExecutionData[],
): Promise<number> {
	if (plan.records.length === 0) return 0;
	const rerun = splitByEarlierWrites(transport, plan);
	const maybeSent = await giveEarlierOutcomes(ctx, transport, plan, rerun.claims, output);
	if (rerun.plan.records.length > 0)
		return await new BatchDelivery(ctx, transport, rerun.plan, output, rerun.cuts, maybeSent).run();
	deliveryHints(ctx, plan, { rejected: 0, refusedAsTooLarge: 0, maybeSent });
	return 0;
}

/** One run's batch delivery: the batches as planned so far, and what to report at its end. */
class BatchDelivery<T extends IDataObject> {
	/** The batches and their bodies, each encoded while Bento handles the one before. */
	private readonly batchPlan: BatchPlan;

	private readonly words: BatchWords;

	private rejected = 0;

	private refusedAsTooLarge = 0;

	/** The last delivered request's output items, put out while the next request is in flight. */
	private putOutLast?: () => void;

	constructor(
		private readonly ctx: IExecuteFunctions,
		private readonly transport: BentoTransport,
		private readonly plan: DeliveryPlan<T>,
		private readonly output: INodeExecutionData[],
		/** On a rerun (Retry On Fail), the earlier try's writes found whole: cut the same way. */
		earlier: Range[],
		/** The records of batches that may have been delivered unconfirmed, in words. */
		private readonly maybeSent: string[],
	) {
		this.batchPlan = new BatchPlan(plan.bodyKey, plan.records, plan.batchSize, undefined, earlier);
		this.words = new BatchWords(() => this.batches, plan.itemIndexes);
	}

	private get batches(): Batch[] {
		return this.batchPlan.batches;
	}

	/** Sends every batch; returns how many there were. */
	async run(): Promise<number> {
		const { batchPlan } = this;
		for (let index = 0; index < this.batches.length; index++) {
			// While Bento handles this batch, the node's own work for the others overlaps it instead
			// of adding to it: the last batch's output and the next batch's body. (A run of one
			// batch has nothing to overlap, and does not wait for it.)
			const hasWork = index + 1 < this.batches.length || this.putOutLast;
			const overlap = hasWork
				? () => {
						this.flushOutput();
						this.settle(index + 1);
					}
				: undefined;
			const batch = this.batches[index];
			await this.send(batch, batch, batchPlan.takeBody(index), overlap);
		}
		this.flushOutput();
		const { rejected, refusedAsTooLarge, maybeSent } = this;
		deliveryHints(this.ctx, this.plan, { rejected, refusedAsTooLarge, maybeSent });
		return this.batches.length;
	}

	/**
	 * Makes batches up to `index` final (by default all). Should that re-cut them (a window over
	 * the byte bound), the items already put out get the final count of batches.
	 */
	private settle(index = Number.POSITIVE_INFINITY): void {
		const before = this.batches.length;
		this.batchPlan.settle(index);
		if (this.batches.length === before) return;
		for (const item of this.output) {
			const batch = item?.json.batch as IDataObject | undefined;
			if (batch) batch.count = this.batches.length;
		}
	}

	/** Sends `range` of `batch` as one request (`body`) and acts on what came of it. */
	private async send(batch: Batch, range: Range, body: Buffer, overlap?: () => void) {
		const outcome = await this.outcomeOf(range, body, overlap);
		if (outcome.kind === 'held')
			putOutHeld(this.plan, this.output, range, batch, this.batches.length);
		else if (outcome.kind === 'delivered')
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
			if (error instanceof HeldRequest) return { kind: 'held' };
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
		this.flushOutput();
		const { plan, output } = this;
		this.putOutLast = () => {
			const counts = {
				results,
				failed,
				number: batch.number,
				count: this.batches.length,
				attempts,
			};
			putOutDelivered(plan, output, range, answer, counts, warning);
		};
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
				await this.send(batch, half, this.batchPlan.encode(half));
			return;
		}
		const bytes = this.batchPlan.bytesOf(range.start);
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
		// Its message and the report count every batch: the plan is made final first.
		this.settle();
		const where = this.words.where(batch, range);
		const { failure, as } = failureOf(this.ctx, this.transport, this.plan, { where, range }, error);
		if (as === 'maybeSent') this.maybeSent.push(this.words.range(range.start, range.end));
		if (!this.plan.continueOnFail)
			throw stoppedRun(failure, as, this.words, range, this.plan.records.length);
		putOutErrors(this.plan, this.output, range, failure.message);
	}

	private flushOutput(): void {
		this.putOutLast?.();
		this.putOutLast = undefined;
	}

	private cancelled(): boolean | undefined {
		const signal = this.ctx.getExecutionCancelSignal?.() as AbortSignal | undefined;
		return signal?.aborted;
	}
}
