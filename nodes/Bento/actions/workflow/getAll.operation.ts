import { listOperation } from '../library.common';

export const { description, execute } = listOperation('workflow', 'getAll', {
	endpoint: '/fetch/workflows',
	paged: true,
	noun: 'workflows',
});
