/**
 * Why one event cannot be sent; `field` names what the user has to fix. Returned, not thrown:
 * the operation turns it into a NodeOperationError (or an error item) for that item.
 */
export class Invalid {
	constructor(
		readonly field: string,
		readonly message: string,
	) {}
}

export type Checked<T> = T | Invalid;
