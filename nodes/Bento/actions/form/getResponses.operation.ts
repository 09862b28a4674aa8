import {
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { Invalid } from '../../helpers/invalid';
import { executeList, listProperties, readId } from '../library.common';
import { operationDescription } from '../common.descriptions';

/** The Form ID parameter, shared with the Bento Form Response Trigger. */
export const formIdProperty: INodeProperties = {
	displayName: 'Form ID',
	name: 'formId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. my-newsletter-form',
	description:
		"The form's identifier, as shown in the form's settings in Bento (Bento's API has no list of forms)",
};

const properties: INodeProperties[] = [formIdProperty, ...listProperties];

export const description = operationDescription('form', 'getResponses', properties);

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[][]> {
	return await executeList(this, items, {
		endpoint: '/fetch/responses',
		// Documented as one answer with every response; no `page`.
		paged: false,
		noun: 'responses',
		query: (ctx, i) => {
			const id = readId(ctx, 'formId', i);
			return id instanceof Invalid ? id : { id };
		},
	});
}
