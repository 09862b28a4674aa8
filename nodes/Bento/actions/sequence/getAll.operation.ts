import { listOperation } from '../library.common';

export const { description, execute } = listOperation('sequence', 'getAll', {
	endpoint: '/fetch/sequences',
	paged: true,
	noun: 'sequences',
});
