import {
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { Invalid } from '../../helpers/invalid';
import { cleanAddress } from '../../helpers/validation';
import {
	emailProperty,
	operationDescription,
	requestOptionsCollection,
} from '../common.descriptions';
import { executeUtility, experimentalRequest } from './experimental';

const properties: INodeProperties[] = [
	emailProperty(
		'The address to check. An address that looks wrong is not an error: Bento answers valid false.',
	),
	{
		displayName: 'Ruleset',
		name: 'ruleset',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: "Jesse's Ruleset (Stricter)",
				value: 'jessesRuleset',
				description:
					"Bento's founder's strict rules (POST /experimental/jesses_ruleset); answers with reasons. Expect some false positives.",
			},
			{
				name: 'Standard',
				value: 'standard',
				description:
					"Bento's usual check (POST /experimental/validation); answers valid true or false",
			},
		],
		default: 'standard',
		description: "Which of Bento's checks to run",
	},
	{
		displayName: 'Context',
		name: 'context',
		type: 'collection',
		placeholder: 'Add context',
		default: {},
		description: 'What else is known about the sign-up; it refines the check',
		displayOptions: { show: { ruleset: ['standard'] } },
		options: [
			{
				displayName: 'IP',
				name: 'ip',
				type: 'string',
				default: '',
				description: 'The IP address the sign-up came from',
			},
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				description: "The person's name (compared with US census data, so results may be biased)",
			},
			{
				displayName: 'User Agent',
				name: 'user_agent',
				type: 'string',
				default: '',
				description: "The sign-up's browser User-Agent",
			},
		],
	},
	{
		displayName: 'Block Free Providers',
		name: 'blockFreeProviders',
		type: 'boolean',
		default: false,
		description: 'Whether addresses at free providers (Gmail, Yahoo...) fail the check',
		displayOptions: { show: { ruleset: ['jessesRuleset'] } },
	},
	{
		displayName: 'Wiggle Room',
		name: 'wiggleRoom',
		type: 'boolean',
		default: false,
		description: 'Whether to skip a few of the most opinionated rules',
		displayOptions: { show: { ruleset: ['jessesRuleset'] } },
	},
	requestOptionsCollection,
];

export const description = operationDescription('utility', 'validateEmail', properties);

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[][]> {
	const strict = this.getNodeParameter('ruleset', 0) === 'jessesRuleset';
	return await executeUtility(this, items, {
		reader: (ctx) => (_item, i) => {
			const email = cleanAddress(ctx.getNodeParameter('email', i), 'email');
			if (email instanceof Invalid) return email;
			if (strict)
				return {
					email,
					block_free_providers: ctx.getNodeParameter('blockFreeProviders', i, false) as boolean,
					wiggleroom: ctx.getNodeParameter('wiggleRoom', i, false) as boolean,
				};
			return { email, ...(ctx.getNodeParameter('context', i, {}) as IDataObject) };
		},
		run: async (transport, inputs, i) => {
			const endpoint = strict ? '/experimental/jesses_ruleset' : '/experimental/validation';
			const request = experimentalRequest('POST', endpoint, inputs);
			const { body } = await transport.request({ ...request, items: [i] });
			return { email: inputs.email, ...body };
		},
	});
}
