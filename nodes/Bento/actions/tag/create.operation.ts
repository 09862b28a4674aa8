import { createEntryOperation } from '../entry.common';

export const { description, execute } = createEntryOperation('tag', {
	property: {
		displayName: 'Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. customer',
		description: 'Name of the tag to create',
	},
	endpoint: '/fetch/tags',
	wrapper: 'tag',
});
