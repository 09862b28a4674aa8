import {
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
	NodeOperationError,
} from 'n8n-workflow';

import { dryRunHint, refusedItem } from './dryRun';
import { readNodeOptions } from './options';
import { type DeliveryPlan, deliverBatches } from './batchDelivery/deliver';
import { Invalid } from '../helpers/invalid';
import { checkBatchSize } from '../helpers/validation';
import { BentoTransport } from '../transport';
import { type ItemReader, readItem } from './readItem';

export interface BatchWriteSpec<T extends IDataObject>
	extends Pick<
		DeliveryPlan<T>,
		| 'endpoint'
		| 'bodyKey'
		| 'recordKey'
		| 'noun'
		| 'resend'
		| 'maybeSentAdvice'
		| 'maybeSentCheck'
		| 'fromAnswer'
		| 'answerNamesRejected'
	> {
	/** Bento's limit per request. */
	max: number;
	/** The operation's options properties: their defaults fill what the user left unset. */
	options: INodeProperties[];
	/**
	 * Records that must never go twice whatever the options (an approved broadcast): when a run
	 * holds one, a batch Bento may have taken is never resent (resend `ifNotSent`).
	 */
	neverResend?(record: T): boolean;
	/**
	 * Called once per execution with the options the user set; returns the reader that turns
	 * one item into the record Bento takes (or several, e.g. one command per tag of a typed
	 * list), or says why it cannot go.
	 */
	reader(ctx: IExecuteFunctions, options: IDataObject): ItemReader<T | T[]>;
}

/**
 * The batch writer: validates every item, then sends the valid ones in batches of at most
 * `max`, in input order, with retries, pacing and a report of what was delivered. One output
 * item per record, paired to its input item: one per input item, unless an item gave several.
 * A dry run (option Dry Run) plans and encodes the same batches and puts out each record with
 * the request it would go in, and each refused item with why; nothing is sent.
 */
export async function executeBatchWrite<T extends IDataObject>(
	ctx: IExecuteFunctions,
	items: INodeExecutionData[],
	spec: BatchWriteSpec<T>,
): Promise<INodeExecutionData[][]> {
	const { raw: rawOptions, options } = readNodeOptions(ctx, spec.options);
	const badOption = checkBatchSize(options.batchSize, spec.max);
	if (badOption) throw new NodeOperationError(ctx.getNode(), badOption.message);
	const read = spec.reader(ctx, rawOptions);
	const continueOnFail = ctx.continueOnFail();
	const { dryRun } = options;
	const output: INodeExecutionData[] = new Array(items.length);
	const refused: number[] = [];
	const records: T[] = [];
	const itemIndexes: number[] = [];
	// Where each record's output item goes: its item's index, shifted once an item gave several.
	const outputIndexes: number[] = [];
	let next = 0;

	// Validate every item before anything is sent.
	for (let i = 0; i < items.length; i++) {
		const record = readItem(read, items[i], i);
		if (!(record instanceof Invalid)) {
			// One record per item nearly always: no array made for it.
			const list = Array.isArray(record) ? record : undefined;
			for (let k = 0; k < (list ? list.length : 1); k++) {
				records.push(list ? list[k] : (record as T));
				itemIndexes.push(i);
				outputIndexes.push(next++);
			}
			continue;
		}
		if (dryRun) {
			refused.push(i);
			output[next++] = refusedItem(record, i);
			continue;
		}
		const error = new NodeOperationError(ctx.getNode(), `Item ${i}: ${record.message}`, {
			itemIndex: i,
			description: `Fix "${record.field}" for this item. No ${spec.recordKey} has been sent.`,
		});
		if (!continueOnFail) throw error;
		output[next++] = { json: { error: error.message }, pairedItem: { item: i } };
	}

	let batches = 0;
	if (records.length > 0) {
		const transport = await BentoTransport.forExecution(ctx, options);
		const { endpoint, bodyKey, recordKey, noun, maybeSentAdvice, maybeSentCheck } = spec;
		const { fromAnswer, answerNamesRejected, neverResend } = spec;
		const plan: DeliveryPlan<T> = {
			endpoint,
			bodyKey,
			recordKey,
			noun,
			resend: neverResend && records.some(neverResend) ? 'ifNotSent' : spec.resend,
			maybeSentAdvice,
			maybeSentCheck,
			fromAnswer,
			answerNamesRejected,
			records,
			itemIndexes,
			outputIndexes,
			batchSize: options.batchSize,
			onRejected: options.onRejectedEvents,
			continueOnFail,
		};
		batches = await deliverBatches(ctx, transport, plan, output);
		transport.finish(output);
	}
	if (dryRun) {
		const sending = `${records.length} ${spec.noun} in ${batches} request(s) to POST ${spec.endpoint}`;
		const message = dryRunHint(sending, refused, continueOnFail);
		ctx.addExecutionHints?.({ message, location: 'outputPane' });
	}
	return [output];
}
