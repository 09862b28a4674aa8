import {
	type IDataObject,
	type INode,
	type IExecuteFunctions,
	type INodeExecutionData,
	NodeApiError,
	NodeOperationError,
} from 'n8n-workflow';

import { type BentoTransport, mayHaveBeenSent } from '../../transport';
import type { DeliveryPlan } from './plan';
import type { BatchWords, Range } from './words';

/** What a failed request's records became, for the run's report. */
export type FailedAs = 'notDelivered' | 'maybeSent' | 'partlyDelivered';

/**
 * The error of a request that failed (`range` of the records, `where` in words), named for the user: where it
 * happened and what its records became (`as`). A batch that may have been delivered is news
 * only where duplicates matter (`resend: ifNotSent`, or advice given): elsewhere it was retried.
 */
export function failureOf<T extends IDataObject>(
	ctx: IExecuteFunctions,
	transport: BentoTransport,
	plan: DeliveryPlan<T>,
	{ where, range }: { where: string; range: Range },
	error: unknown,
): { failure: NodeApiError | NodeOperationError; as: FailedAs } {
	const failure =
		error instanceof NodeApiError || error instanceof NodeOperationError
			? error
			: new NodeOperationError(ctx.getNode(), transport.redact(String(error)));
	const tracksDuplicates = plan.resend === 'ifNotSent' || plan.maybeSentAdvice !== undefined;
	if (tracksDuplicates && mayHaveBeenSent(failure)) {
		const check = plan.maybeSentCheck?.(plan.records.slice(range.start, range.end));
		failure.message = `${where} may have been sent: ${failure.message}${check ? ` ${check}` : ''}`;
		failure.description = [failure.description, plan.maybeSentAdvice].filter(Boolean).join(' ');
		return { failure, as: 'maybeSent' };
	}
	// A request Bento took in part is not "not delivered": resending all of it duplicates.
	const partly = failure.context?.partlyDelivered !== undefined;
	if (!failure.context?.alone) {
		failure.message = `${where} failed: ${failure.message}`;
		if (partly)
			failure.message += ` (it took the other ${String(failure.context.partlyDelivered)}: resending the whole batch sends those twice)`;
	}
	return { failure, as: partly ? 'partlyDelivered' : 'notDelivered' };
}

/**
 * The run's end without Continue On Fail: `failure`, its description followed by what was
 * delivered, and what not, of all the records (`count`) up to and after `range`.
 */
export function stoppedRun(
	failure: NodeApiError | NodeOperationError,
	as: FailedAs,
	words: BatchWords,
	range: Range,
	count: number,
): NodeApiError | NodeOperationError {
	const delivered = words.range(0, range.start);
	const here = words.range(range.start, range.end);
	const rest = words.range(as === 'notDelivered' ? range.start : range.end, count);
	const report =
		as === 'maybeSent'
			? `Delivered: ${delivered}. Maybe sent: ${here}. Not sent: ${rest}.`
			: as === 'partlyDelivered'
				? `Delivered: ${delivered}. Delivered in part: ${here}. Not delivered: ${rest}.`
				: `Delivered: ${delivered}. Not delivered: ${rest}.`;
	failure.description = `${failure.description ?? ''} ${report}`.trim();
	return failure;
}

/**
 * With Continue On Fail, each record of `range` puts out only `{ error }`: n8n then routes the
 * item to the error output and merges in its input item, so a retry branch gets exactly the
 * undelivered inputs.
 */
export function putOutErrors<T extends IDataObject>(
	plan: DeliveryPlan<T>,
	output: INodeExecutionData[],
	range: Range,
	message: string,
): void {
	for (let k = range.start; k < range.end; k++) {
		output[plan.outputIndexes[k]] = {
			json: { error: message },
			pairedItem: { item: plan.itemIndexes[k] },
		};
	}
}

/**
 * Bento took the request but rejected `rejected` of its `size` records (On Rejected: error): the
 * batch's error, which says Bento took the other `accepted` (`context.partlyDelivered`).
 */
export function partlyRejected(
	node: INode,
	noun: string,
	{ size, rejected, accepted }: { size: number; rejected: number; accepted: number },
): NodeOperationError {
	const error = new NodeOperationError(node, `Bento rejected ${rejected} of its ${size} ${noun}`, {
		description: `Bento does not say which ${noun} it rejected. Check their data. It took the other ${accepted}: sending the whole batch again would send those twice.`,
	});
	error.context.partlyDelivered = accepted;
	return error;
}
