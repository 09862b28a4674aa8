import { textUtility } from './experimental';

export const { description, execute } = textUtility({
	operation: 'guessGender',
	property: {
		displayName: 'Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Jesse',
		description:
			'A first name. Bento compares it with US census data, so the guess may be biased or "unknown".',
	},
	method: 'POST',
	endpoint: '/experimental/gender',
	// Bento's answer field is `gender` (the official node read `prediction`, which never comes).
	output: (inputs, body) => ({ name: inputs.name, ...body, gender: body.gender ?? null }),
});
