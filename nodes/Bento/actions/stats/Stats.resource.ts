import type { INodeProperties } from 'n8n-workflow';

import { operationPicker } from '../common.descriptions';
import type { OperationsOf } from '../node.type';
import * as getAds from './getAds.operation';
import * as getReport from './getReport.operation';
import * as getSegment from './getSegment.operation';
import * as getSite from './getSite.operation';

/** This resource's operations by their saved value: the router's entry for it. */
export const operations = {
	getAds,
	getReport,
	getSegment,
	getSite,
} satisfies OperationsOf<'stats'>;

export const description: INodeProperties[] = [
	operationPicker(
		'stats',
		[
			{
				name: 'Get Ads Stats',
				value: 'getAds',
				description:
					'Sign-ups, customers and revenue by UTM source, campaign, medium, content or ad, for a date range',
				action: 'Get ads stats',
			},
			{
				name: 'Get Report Stats',
				value: 'getReport',
				description: "Read one of the site's reports: its data points, chart style and name",
				action: 'Get report stats',
			},
			{
				name: 'Get Segment Stats',
				value: 'getSegment',
				description: "Count a segment's users, subscribers and unsubscribers",
				action: 'Get segment stats',
			},
			{
				name: 'Get Site Stats',
				value: 'getSite',
				description:
					"Count the site's users, subscribers and unsubscribers (how many subscribers do we have)",
				action: 'Get site stats',
			},
		],
		'getSite',
	),
	...getAds.description,
	...getReport.description,
	...getSegment.description,
	...getSite.description,
];
