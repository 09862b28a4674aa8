import { getEntryOperation, locator } from '../library.common';

const segmentLocator = locator({
	displayName: 'Segment',
	name: 'segmentId',
	noun: 'segment',
	searchListMethod: 'searchSegments',
	placeholder: 'e.g. 123',
	description: 'The segment to read: its name, description and rules',
});

export const { description, execute } = getEntryOperation('segment', 'get', segmentLocator, {
	endpoint: '/fetch/segments',
	noun: 'segment',
});
