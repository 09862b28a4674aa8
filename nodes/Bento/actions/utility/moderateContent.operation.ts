import { requiredVerbatim } from '../library.common';
import { textUtility } from './experimental';

export const { description, execute } = textUtility({
	operation: 'moderateContent',
	property: {
		displayName: 'Content',
		name: 'content',
		placeholder: 'e.g. Thanks, the delivery was quick!',
		type: 'string',
		required: true,
		default: '',
		typeOptions: { rows: 4 },
		description:
			'The text to check for profanity and abuse, e.g. a comment or a form answer; sent as given',
	},
	check: requiredVerbatim,
	method: 'POST',
	endpoint: '/experimental/content_moderation',
});
