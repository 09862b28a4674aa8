import type { IDataObject } from 'n8n-workflow';

import type { RejectedEventsHandling } from '../../helpers/interfaces';

/** What the batch writer hands batch delivery: the records, where they go, how to report. */
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
	/**
	 * What to check in Bento before sending these records (a batch that may have been delivered)
	 * again, when they need more than the advice: added to the failure's message, so that it is
	 * in the error and in each error item (e.g. the names of approved broadcasts).
	 */
	maybeSentCheck?: (records: T[]) => string | undefined;
	/** Fields from Bento's answer for one record of a delivered batch (its position in the batch). */
	fromAnswer?: (answer: IDataObject, position: number) => IDataObject;
	/**
	 * Bento's answer names the records it rejected, and `fromAnswer` marks them: the other items
	 * of the batch then carry no "Bento rejected some (it does not say which)" warning.
	 */
	answerNamesRejected?: boolean;
}
