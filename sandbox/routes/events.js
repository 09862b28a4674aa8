'use strict';
// POST /batch/events: 1 to 1000 events; rejected events count as `failed`, as Bento does.
const { batchOf, isEmail, isFlat, isObject } = require('./shared');

const MAX_EVENTS = 1000;

/** Why Bento would reject this one event, or undefined. */
function eventProblem(event) {
	if (!isObject(event)) return 'not an object';
	if (typeof event.type !== 'string' || event.type === '') return 'type';
	if (!isEmail(event.email)) return 'email';
	if (event.fields !== undefined && (!isObject(event.fields) || !isFlat(event.fields)))
		return 'fields';
	if (event.details !== undefined && !isObject(event.details)) return 'details';
	if (event.date !== undefined && Number.isNaN(Date.parse(event.date))) return 'date';
	return undefined;
}

module.exports = {
	MAX_EVENTS,
	init(store) {
		store.events = [];
	},
	routes: [
		{
			method: 'POST',
			path: '/batch/events',
			handle({ body, store, entry }) {
				const { list, error } = batchOf(body, 'events', MAX_EVENTS);
				if (error) return error;
				let failed = 0;
				for (const event of list) {
					if (eventProblem(event)) failed += 1;
					else store.events.push(event);
				}
				entry.events = list.length - failed;
				return [200, { results: list.length - failed, failed }];
			},
		},
	],
};
