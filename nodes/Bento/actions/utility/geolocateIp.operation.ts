import {
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
	updateDisplayOptions,
} from 'n8n-workflow';

import { singleName } from '../../helpers/lists';
import { requestOptionsCollection } from '../common.descriptions';
import { executeUtility, experimentalRequest, oneTextInput } from './experimental';

const properties: INodeProperties[] = [
	{
		displayName: 'IP Address',
		name: 'ip',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 203.0.113.7',
		description:
			'The IPv4 or IPv6 address to locate. Bento often knows nothing: the item then has located false.',
	},
	requestOptionsCollection,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['utility'], operation: ['geolocateIp'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[][]> {
	return await executeUtility(this, items, {
		reader: oneTextInput('ip', singleName),
		run: async (transport, inputs) => {
			const { body } = await transport.request(
				experimentalRequest('GET', '/experimental/geolocation', inputs),
			);
			// Bento now often answers `{}`: an answer ("unknown"), not a failure.
			return { ip: inputs.ip, ...body, located: Object.keys(body).length > 0 };
		},
	});
}
