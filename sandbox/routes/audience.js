'use strict';
// Tags, fields and subscribers (being extended for the Subscriber, Tag and Field resources).
const { entry } = require('./shared');

module.exports = {
	init(store) {
		store.tags = [{ name: 'customer', created_at: '2024-01-01T00:00:00Z' }];
	},
	routes: [
		{
			method: 'GET',
			path: '/fetch/tags',
			handle({ store }) {
				return [200, { data: store.tags.map((t, i) => entry(i + 1, 'tags', t)) }];
			},
		},
	],
};
