import { listOperation } from '../library.common';

// One unpaged answer with every field.
export const { description, execute } = listOperation('field', 'getAll', {
	endpoint: '/fetch/fields',
	paged: false,
	noun: 'fields',
});
