import { readStats, statsOperation } from './statsOperation';

export const { description, execute } = statsOperation({
	operation: 'getReport',
	parameter: {
		displayName: 'Report ID',
		name: 'reportId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 456',
		description:
			"The report's ID, from the report's address in Bento (Bento's API has no list of reports). Items with the same ID share one request.",
	},
	endpoint: '/stats/report',
	idKey: 'report_id',
	read: readStats,
});
