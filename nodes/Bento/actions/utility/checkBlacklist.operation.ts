import {
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import type { Checked } from '../../helpers/invalid';
import { Invalid } from '../../helpers/invalid';
import { cleanEnds } from '../../helpers/identifiers';
import { singleName } from '../../helpers/lists';
import { describe } from '../../helpers/validation';
import { operationDescription, requestOptionsCollection } from '../common.descriptions';
import { executeUtility, experimentalRequest } from './experimental';

const properties: INodeProperties[] = [
	{
		displayName: 'Give a domain, an IP address or both.',
		name: 'blacklistNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Domain',
		name: 'domain',
		type: 'string',
		default: '',
		placeholder: 'e.g. example.com',
		description: 'The sending or link domain to look up on spam blacklists (Spamhaus, SORBS...)',
	},
	{
		displayName: 'IP Address',
		name: 'ip',
		type: 'string',
		default: '',
		placeholder: 'e.g. 203.0.113.7',
		description: 'The IP address to look up on spam blacklists',
	},
	requestOptionsCollection,
];

export const description = operationDescription('utility', 'checkBlacklist', properties);

// The docs and most SDKs name `/blacklist.json`; the Node SDK, the official n8n node and Bento's
// own agent guide `/blacklist`. The docs' path goes first; a 404 there switches to the other for
// the rest of the execution.
const PATHS = ['/experimental/blacklist.json', '/experimental/blacklist'];

function readTarget(ctx: IExecuteFunctions, i: number): Checked<IDataObject> {
	const target: IDataObject = {};
	for (const key of ['domain', 'ip']) {
		const value = ctx.getNodeParameter(key, i, '');
		// An expression that finds nothing (e.g. {{ $json.ip }} on an item without one) means "not given".
		if (value === undefined || value === null) continue;
		if (typeof value !== 'string')
			return new Invalid(key, `${key} must be text (got ${describe(value)})`);
		if (cleanEnds(value) === '') continue;
		// Cleaned like every identifier: an invisible character inside is this item's error.
		const checked = singleName(value, key);
		if (checked instanceof Invalid) return checked;
		target[key] = checked;
	}
	if (Object.keys(target).length === 0)
		return new Invalid('domain', 'give a domain, an IP address or both');
	return target;
}

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[][]> {
	let path = 0;
	return await executeUtility(this, items, {
		reader: (ctx) => (_item, i) => readTarget(ctx, i),
		run: async (transport, target) => {
			if (path === 0) {
				const request = experimentalRequest('GET', PATHS[0], target);
				const first = await transport.request({ ...request, acceptStatuses: [404] });
				if (first.status !== 404) return first.body;
				path = 1;
			}
			return (await transport.request(experimentalRequest('GET', PATHS[1], target))).body;
		},
	});
}
