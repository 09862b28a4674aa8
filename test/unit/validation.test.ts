import { runInNewContext } from '@n8n-nodes-bentonow/dev-host/vm';

import { isPlainObject, parseObjectValue } from '../../nodes/Bento/helpers/validation';

describe('isPlainObject', () => {
	it.each([
		['a literal', {}, true],
		['a null-prototype object', Object.create(null), true],
		// What the transport gives a re-run again (structuredClone) has Node's own realm in Jest.
		['a structuredClone', structuredClone({ a: 1 }), true],
		['an object made in another realm', runInNewContext('({ a: 1 })'), true],
		['an array', [], false],
		["another realm's array", runInNewContext('[1]'), false],
		['a Date', new Date(0), false],
		["another realm's Date", runInNewContext('new Date(0)'), false],
		['a Map', new Map(), false],
		['a class instance', new (class Point {})(), false],
		['null', null, false],
		['a string', 'x', false],
	])('%s: %s', (_what, value, plain) => {
		expect(isPlainObject(value)).toBe(plain);
	});
});

describe('parseObjectValue', () => {
	it('parses JSON text and passes objects through', () => {
		expect(parseObjectValue('{"a": {"b": 1}}', 'details')).toEqual({ a: { b: 1 } });
		const object = { a: 1 };
		expect(parseObjectValue(object, 'fields')).toBe(object);
		expect(parseObjectValue('  ', 'fields')).toBeUndefined();
	});
});
