import { singleName } from '../../helpers/lists';
import { textUtility } from './experimental';

export const { description, execute } = textUtility({
	operation: 'geolocateIp',
	property: {
		displayName: 'IP Address',
		name: 'ip',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 203.0.113.7',
		description:
			'The IPv4 or IPv6 address to locate. Bento often knows nothing: the item then has located false.',
	},
	check: singleName,
	method: 'GET',
	endpoint: '/experimental/geolocation',
	// Bento now often answers `{}`: an answer ("unknown"), not a failure.
	output: (inputs, body) => ({ ip: inputs.ip, ...body, located: Object.keys(body).length > 0 }),
	// Bento's documented answer goes on ("…") past its six named fields.
	simplify: {
		fields: ['ip', 'located', 'city_name', 'region_name', 'country_code2', 'latitude', 'longitude'],
	},
});
