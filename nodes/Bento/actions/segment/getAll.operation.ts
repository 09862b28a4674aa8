import { listOperation } from '../library.common';

// Not documented as paged: asking for `page` costs at most one extra request (the reader stops
// when a page repeats), where not asking would silently cut a paged list short.
export const { description, execute } = listOperation('segment', 'getAll', {
	endpoint: '/fetch/segments',
	paged: true,
	noun: 'segments',
});
