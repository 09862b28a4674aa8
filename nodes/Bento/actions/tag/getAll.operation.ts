import { listOperation } from '../library.common';

// One unpaged answer with every tag.
export const { description, execute } = listOperation('tag', 'getAll', {
	endpoint: '/fetch/tags',
	paged: false,
	noun: 'tags',
});
