import {
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	NodeApiError,
	NodeOperationError,
} from 'n8n-workflow';

import { dryRunHint, heldRequestItem, refusedItem } from './dryRun';
import { readNodeOptions, requestOptions } from './options';
import { applyOutputChoice, readOutputChoice, type SimplifySpec } from './output';
import { Invalid } from '../helpers/invalid';
import { type BentoResponse, BentoTransport, HeldRequest } from '../transport';
import { type ItemReader, itemRange, readItem } from './readItem';

export interface PerItemSpec<P> {
	/**
	 * Called once per execution; returns the reader that turns one item into what its request
	 * needs (its parameters, checked), or says why it cannot go. Every item is read before any
	 * request is sent.
	 */
	reader(ctx: IExecuteFunctions): ItemReader<P>;
	/**
	 * The item's request(s) and what it puts out: one object, a list (one item each), or none.
	 * Its writes carry `items: [itemIndex]` (see BentoRequest.items).
	 */
	run(
		transport: BentoTransport,
		params: P,
		itemIndex: number,
	): Promise<IDataObject | IDataObject[]>;
	/**
	 * Items whose key is equal get one shared answer from one request: for reads whose answer
	 * cannot differ per item (site stats), to spare Bento's rate limit.
	 */
	shareKey?(params: P): string;
	/** Shown as a hint when some items put out nothing (e.g. "no subscriber found"). */
	emptyHint?(itemIndexes: number[]): string;
	/** Offers Simplify (and the AI tool's Output) on what `run` puts out: see engines/output.ts. */
	simplify?: SimplifySpec;
}

/** What a per-item request does to the entry it names (`WriteEffect` of its method by default). */
export type WriteEffect = 'reads' | 'changes' | 'removes';

/** GET reads, DELETE removes, anything else (POST, PATCH, PUT) changes or adds to its entry. */
export function writeEffect(method: string): WriteEffect {
	if (method === 'GET') return 'reads';
	return method === 'DELETE' ? 'removes' : 'changes';
}

/**
 * What a 404 means, for every per-item request that accepts one ("no such entry"):
 * - `answer`: not a 404; Bento's answer stands.
 * - `doneBefore`: a 404 to a write that removes its entry, after an earlier attempt of the same
 *   request that may have been delivered (a timeout, a dropped connection, a 5xx:
 *   `maybeSentBefore`): that attempt removed it. A success, not "not found".
 * - `notFoundAfterMaybeSent`: a 404 to a write that changes its entry, after such an attempt: the
 *   entry is missing now, but that attempt may have reached Bento; a failure that says so.
 * - `notFound`: any other 404 (a read, or no attempt that may have acted).
 */
export type NotFoundVerdict = 'answer' | 'doneBefore' | 'notFoundAfterMaybeSent' | 'notFound';

export function notFoundVerdict(
	response: Pick<BentoResponse, 'status' | 'maybeSentBefore'>,
	effect: WriteEffect,
): NotFoundVerdict {
	if (response.status !== 404) return 'answer';
	if (!response.maybeSentBefore || effect === 'reads') return 'notFound';
	return effect === 'removes' ? 'doneBefore' : 'notFoundAfterMaybeSent';
}

/**
 * The per-item request engine: one request (or one list read) per input item, in order, with
 * the transport's retries and pacing. Output items are paired to the item they came from; with
 * Continue On Fail a failed item becomes an error item and the rest go on. In a dry run (option
 * Dry Run) each item's first request is put out instead of sent, and a refused item says why.
 */
export async function executePerItem<P>(
	ctx: IExecuteFunctions,
	items: INodeExecutionData[],
	spec: PerItemSpec<P>,
): Promise<INodeExecutionData[][]> {
	const continueOnFail = ctx.continueOnFail();
	const { options } = readNodeOptions(ctx, requestOptions);
	const read = spec.reader(ctx);
	const params: Array<P | Invalid> = [];
	for (let i = 0; i < items.length; i++) {
		const value = readItem(read, items[i], i);
		if (value instanceof Invalid && !continueOnFail && !options.dryRun) {
			throw new NodeOperationError(ctx.getNode(), `Item ${i}: ${value.message}`, {
				itemIndex: i,
				description: `Fix "${value.field}" for this item. No request has been sent.`,
			});
		}
		params.push(value);
	}
	if (items.length === 0) return [[]];

	const transport = await BentoTransport.forExecution(ctx, options);
	const shared = new Map<string, Promise<IDataObject | IDataObject[]>>();
	const output: INodeExecutionData[] = [];
	const empty: number[] = [];
	const refused: number[] = [];

	for (let i = 0; i < items.length; i++) {
		const value = params[i];
		const pairedItem = { item: i };
		if (value instanceof Invalid) {
			if (options.dryRun) refused.push(i);
			output.push(
				options.dryRun
					? refusedItem(value, i)
					: { json: { error: `Item ${i}: ${value.message}` }, pairedItem },
			);
			continue;
		}
		try {
			const key = spec.shareKey?.(value);
			let answer = key === undefined ? undefined : shared.get(key);
			if (!answer) {
				answer = spec.run(transport, value, i);
				if (key !== undefined) shared.set(key, answer);
			}
			const result = await answer;
			const list = Array.isArray(result) ? result : [result];
			if (list.length === 0) empty.push(i);
			const choice = spec.simplify && readOutputChoice(ctx, spec.simplify, i);
			for (const answer of list) {
				const json = choice ? applyOutputChoice(answer, choice) : answer;
				// Each output item gets its own copy: shared answers must not be one object in n8n's data.
				output.push({ json: key === undefined ? json : structuredClone(json), pairedItem });
			}
		} catch (error) {
			if (error instanceof HeldRequest) {
				output.push(heldRequestItem(error.request, i));
				continue;
			}
			const failure =
				error instanceof NodeApiError || error instanceof NodeOperationError
					? error
					: new NodeOperationError(ctx.getNode(), transport.redact(String(error)));
			// Items that share an answer share its error object: it must not be rewritten per item.
			const message = `Item ${i} failed: ${failure.message}`;
			const cancelled = (ctx.getExecutionCancelSignal?.() as AbortSignal | undefined)?.aborted;
			if (!continueOnFail || cancelled) {
				failure.message = message;
				const done = i > 0 ? itemRange(0, i - 1) : 'none';
				const rest = i < items.length - 1 ? itemRange(i + 1, items.length - 1) : 'none';
				failure.description =
					`${failure.description ?? ''} Done: ${done}. Not sent: ${rest}.`.trim();
				throw failure;
			}
			output.push({ json: { error: message }, pairedItem });
		}
	}

	transport.finish(output);
	if (options.dryRun) {
		const message = dryRunHint(
			`${items.length - refused.length} request(s)`,
			refused,
			continueOnFail,
		);
		ctx.addExecutionHints?.({ message, location: 'outputPane' });
	} else if (empty.length > 0 && spec.emptyHint) {
		ctx.addExecutionHints?.({ message: spec.emptyHint(empty), location: 'outputPane' });
	}
	return [output];
}
