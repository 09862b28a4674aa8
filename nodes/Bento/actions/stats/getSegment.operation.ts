import { locator } from '../library.common';
import { readCounts, statsOperation } from './statsOperation';

export const { description, execute } = statsOperation({
	operation: 'getSegment',
	parameter: locator({
		displayName: 'Segment',
		name: 'segmentId',
		noun: 'segment',
		searchListMethod: 'searchSegments',
		placeholder: 'e.g. 123',
		description:
			'The segment whose subscriber counts to read. Items with the same segment share one request.',
	}),
	endpoint: '/stats/segment',
	idKey: 'segment_id',
	read: readCounts,
});
