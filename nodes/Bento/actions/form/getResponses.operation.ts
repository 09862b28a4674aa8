import type { INodeProperties } from 'n8n-workflow';

import { Invalid } from '../../helpers/invalid';
import { type ListSource, listOperation, readId } from '../library.common';

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

/**
 * A form's responses (`GET /fetch/responses?id=<form>`), read alike by Get Responses and the
 * Form Response Trigger. Bento's docs do not describe this endpoint; its SDKs send only `id`
 * and read one `{data: [...]}` (BENTO-API.md). Read paged all the same: the reader stops at a
 * page that repeats the one before, so an unpaged answer costs one more request, and a paged
 * one is never cut to its first page (a trigger would miss every response after it).
 */
export const FORM_RESPONSES: ListSource = { endpoint: '/fetch/responses', paged: true };

export const { description, execute } = listOperation('form', 'getResponses', {
	...FORM_RESPONSES,
	noun: 'responses',
	properties: [formIdProperty],
	query: (ctx, i) => {
		const id = readId(ctx, 'formId', i);
		return id instanceof Invalid ? id : { id };
	},
});
