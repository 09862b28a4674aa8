import { createEntryOperation } from '../entry.common';

export const { description, execute } = createEntryOperation('field', {
	property: {
		displayName: 'Key',
		name: 'key',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. plan',
		description:
			'Key of the custom field to create, as imports and events name it (e.g. plan, company_name)',
	},
	endpoint: '/fetch/fields',
	wrapper: 'field',
});
