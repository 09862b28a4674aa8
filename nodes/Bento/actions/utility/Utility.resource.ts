import type { INodeProperties } from 'n8n-workflow';

import { operationPicker } from '../common.descriptions';
import type { OperationsOf } from '../node.type';
import * as checkBlacklist from './checkBlacklist.operation';
import * as geolocateIp from './geolocateIp.operation';
import * as guessGender from './guessGender.operation';
import * as moderateContent from './moderateContent.operation';
import * as validateEmail from './validateEmail.operation';

/** This resource's operations by their saved value: the router's entry for it. */
export const operations = {
	checkBlacklist,
	geolocateIp,
	guessGender,
	moderateContent,
	validateEmail,
} satisfies OperationsOf<'utility'>;

export const description: INodeProperties[] = [
	operationPicker(
		'utility',
		[
			{
				name: 'Check Blacklist',
				value: 'checkBlacklist',
				description: 'Look up a domain or IP address on spam blacklists',
				action: 'Check a domain or IP against blacklists',
			},
			{
				name: 'Geolocate IP',
				value: 'geolocateIp',
				description: 'Find the city and country of an IP address, when Bento knows it',
				action: 'Geolocate an IP address',
			},
			{
				name: 'Guess Gender',
				value: 'guessGender',
				description: 'Guess the gender of a first name, with a confidence',
				action: 'Guess gender from a name',
			},
			{
				name: 'Moderate Content',
				value: 'moderateContent',
				description: 'Check a text for profanity and abuse; answers valid and reasons',
				action: 'Moderate content',
			},
			{
				name: 'Validate Email',
				value: 'validateEmail',
				description: 'Check whether an email address is valid and safe to send to',
				action: 'Validate an email address',
			},
		],
		'validateEmail',
	),
	{
		displayName:
			"These are Bento's experimental endpoints: Bento may change or remove them at any time, and an empty answer (geolocation often returns nothing now) is a normal outcome, not an error.",
		name: 'experimentalNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { resource: ['utility'] } },
	},
	...checkBlacklist.description,
	...geolocateIp.description,
	...guessGender.description,
	...moderateContent.description,
	...validateEmail.description,
];
