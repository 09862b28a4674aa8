import type { IDataObject } from 'n8n-workflow';

import { flattenSubscriber } from '../../helpers/flatten';
import { isPlainObject } from '../../helpers/validation';

/**
 * The subscriber in Bento's answer `{data: {id, type, attributes}}`, flattened; undefined when
 * the answer holds none (Bento answers an unknown subscriber with an empty body or `data: null`).
 */
export function subscriberOf(body: IDataObject | undefined): IDataObject | undefined {
	let data = body?.data;
	if (Array.isArray(data)) data = data[0];
	if (!isPlainObject(data) || (data.id === undefined && data.attributes === undefined))
		return undefined;
	return flattenSubscriber(data);
}
