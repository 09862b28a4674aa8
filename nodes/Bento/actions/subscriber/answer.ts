import type { IDataObject } from 'n8n-workflow';

import type { SimplifySpec } from '../../engines/output';
import { flattenSubscriberFully } from '../../helpers/flatten';
import { isPlainObject } from '../../helpers/validation';

/**
 * The subscriber in Bento's answer `{data: {id, type, attributes}}`, flattened with every
 * attribute (`flattenSubscriberFully`; `subscriberOutput` keeps the six keys where asked);
 * undefined when the answer holds none (Bento answers an unknown subscriber with an empty body or
 * `data: null`).
 */
export function subscriberOf(body: IDataObject | undefined): IDataObject | undefined {
	let data = body?.data;
	if (Array.isArray(data)) data = data[0];
	if (!isPlainObject(data) || (data.id === undefined && data.attributes === undefined))
		return undefined;
	return flattenSubscriberFully(data);
}

/**
 * Simplify of an operation that puts out a subscriber: the six keys every version before 1.2 put
 * out (custom fields make Bento's answer unbounded); Raw adds every other attribute.
 */
export const subscriberOutput: SimplifySpec = {
	fields: ['id', 'uuid', 'email', 'fields', 'tags', 'unsubscribed_at'],
	before12: 'simplified',
};
