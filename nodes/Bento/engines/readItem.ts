import type { INodeExecutionData } from 'n8n-workflow';

import { type Checked, Invalid } from '../helpers/invalid';

/** Reads and checks one input item; returns the value or why the item cannot go. */
export type ItemReader<T> = (item: INodeExecutionData, itemIndex: number) => Checked<T>;

/**
 * Runs `read` for one item. An expression that throws for this item is this item's problem,
 * like any bad value: it must not stop the other items.
 */
export function readItem<T>(
	read: ItemReader<T>,
	item: INodeExecutionData,
	itemIndex: number,
): Checked<T> {
	try {
		return read(item, itemIndex);
	} catch (error) {
		// n8n names the parameter whose expression failed (`context.parameter`): say which to fix.
		const parameter = (error as { context?: { parameter?: unknown } }).context?.parameter;
		const message = (error as Error).message;
		if (typeof parameter !== 'string' || parameter === '')
			return new Invalid('an expression', message);
		return new Invalid(parameter, `${parameter}: ${message}`);
	}
}

/** n8n's 0-based item indexes as a range: "items 3-7", "item 3". */
export function itemRange(from: number, to: number): string {
	return from === to ? `item ${from}` : `items ${from}-${to}`;
}
