import { readCounts, statsOperation } from './statsOperation';

// The answer cannot differ per item: one request per execution spares the hourly limit.
export const { description, execute } = statsOperation({
	operation: 'getSite',
	parameter: {
		displayName:
			'Site stats are read once per execution, however many items come in: every item gets the same counts.',
		name: 'siteStatsNotice',
		type: 'notice',
		default: '',
	},
	endpoint: '/stats/site',
	read: readCounts,
});
