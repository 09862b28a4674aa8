// Create Events' parameters as the node tests set them: Define Below from an item's keys, or
// Map Automatically with options.

export const defineBelow = (extra: Record<string, unknown> = {}) => ({
	resource: 'event',
	operation: 'create',
	mappingMode: 'defineBelow',
	eventType: '={{ $json.kind }}',
	email: '={{ $json.mail }}',
	fields: '={{ JSON.stringify({ first_name: $json.name }) }}',
	details: '={{ { order: { id: $json.order, lines: [1, 2] } } }}',
	date: '',
	...extra,
});

export const autoMap = (options: Record<string, unknown> = {}) => ({
	resource: 'event',
	operation: 'create',
	mappingMode: 'autoMapInputData',
	options,
});
