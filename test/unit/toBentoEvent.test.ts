import {
	checkEventKeys,
	toBentoEvent,
	withUniqueKey,
} from '../../nodes/Bento/actions/event/toBentoEvent';
import { Invalid } from '../../nodes/Bento/helpers/invalid';
import { parseObjectValue } from '../../nodes/Bento/helpers/validation';

const invalid = (field: string, message: string) =>
	expect.objectContaining({ field, message: expect.stringContaining(message) });

describe('toBentoEvent', () => {
	it('keeps only the keys that have a value, trimmed', () => {
		expect(
			toBentoEvent({
				type: ' $tag ',
				email: ' ann@example.com ',
				fields: {},
				details: undefined,
				date: '',
			}),
		).toEqual({
			type: '$tag',
			email: 'ann@example.com',
		});
	});

	it('sends fields, nested details and the date', () => {
		const event = toBentoEvent({
			type: '$purchase',
			email: 'ann@example.com',
			fields: { first_name: 'Ann', vip: true, visits: 3, nickname: null },
			details: { unique: { key: 'o-1' }, value: { amount: 8000, currency: 'USD' } },
			date: 1714559400000,
		});
		expect(event).toEqual({
			type: '$purchase',
			email: 'ann@example.com',
			fields: { first_name: 'Ann', vip: true, visits: 3, nickname: null },
			details: { unique: { key: 'o-1' }, value: { amount: 8000, currency: 'USD' } },
			date: '2024-05-01T10:30:00.000Z',
		});
	});

	it.each([
		[{ email: 'a@b.co' }, invalid('type', 'type is required')],
		[{ type: '   ', email: 'a@b.co' }, invalid('type', 'type is required')],
		[{ type: 5, email: 'a@b.co' }, invalid('type', 'got a number')],
		[{ type: 'x' }, invalid('email', 'email is required')],
		[
			{ type: 'x', email: 'not-an-email' },
			invalid('email', '"not-an-email" is not a valid address'),
		],
		[{ type: 'x', email: 'a b@c.co' }, invalid('email', 'contains U+0020 (space) at character 2')],
		[
			{ type: 'x', email: 'a@b.co', fields: 'text' },
			invalid('fields', 'must be an object (got a string)'),
		],
		[{ type: 'x', email: 'a@b.co', fields: [1] }, invalid('fields', 'got an array')],
		[
			{ type: 'x', email: 'a@b.co', fields: { address: { city: 'Oslo' } } },
			invalid('fields.address', 'fields.address is an object'),
		],
		[
			{ type: 'x', email: 'a@b.co', fields: { tags: ['a'] } },
			invalid('fields.tags', 'is an array'),
		],
		[{ type: 'x', email: 'a@b.co', details: [] }, invalid('details', 'must be an object')],
		[{ type: 'x', email: 'a@b.co', details: 7 }, invalid('details', 'got a number')],
		[{ type: 'x', email: 'a@b.co', date: 'soon' }, invalid('date', 'not an ISO 8601 date')],
	])('rejects %p', (input, expected) => {
		const result = toBentoEvent(input);
		expect(result).toBeInstanceOf(Invalid);
		expect(result).toEqual(expected);
	});

	it("passes on an invalid JSON parameter as that field's error", () => {
		expect(
			toBentoEvent({ type: 'x', email: 'a@b.co', details: parseObjectValue('{oops', 'details') }),
		).toEqual(invalid('details', 'details is not valid JSON'));
	});
});

describe('toBentoEvent: an item already as Bento takes it', () => {
	it('goes as it is (no copy), its objects untouched', () => {
		const input = {
			type: 'signup',
			email: 'a@example.com',
			fields: { plan: 'pro' },
			details: { x: 1 },
		};
		expect(toBentoEvent(input)).toBe(input);
		expect(input).toEqual({
			type: 'signup',
			email: 'a@example.com',
			fields: { plan: 'pro' },
			details: { x: 1 },
		});
	});

	it.each([
		['a type with a space at its end', { type: 'signup ', email: 'a@example.com' }],
		['an empty fields object', { type: 'signup', email: 'a@example.com', fields: {} }],
		['details null', { type: 'signup', email: 'a@example.com', details: null }],
		[
			'a field key to clean',
			{ type: 'signup', email: 'a@example.com', fields: { ' plan': 'pro' } },
		],
		['a date to read', { type: 'signup', email: 'a@example.com', date: '2026-01-05 10:00:00+02' }],
	])('with %s: a new event, as Bento takes it', (_what, input) => {
		const event = toBentoEvent(input);
		expect(event).not.toBeInstanceOf(Invalid);
		expect(event).not.toBe(input);
		for (const value of Object.values(event as object)) expect(value).not.toBeUndefined();
	});
});

describe('checkEventKeys', () => {
	it('accepts the event keys (the item itself) and names the first unknown key', () => {
		const item = { type: 'x', email: 'a@b.co', fields: {}, details: {}, date: '' };
		expect(checkEventKeys(item)).toBe(item);
		expect(checkEventKeys({ type: 'x', email: 'a@b.co', name: 'Ann' })).toEqual(
			invalid('name', 'unknown key "name"'),
		);
	});
});

describe('withUniqueKey', () => {
	const event = {
		type: '$purchase',
		email: 'a@b.co',
		details: { unique: { other: 1 }, cart: { items: [] } },
	};

	it('sets details.unique.key without changing the original', () => {
		const keyed = withUniqueKey(event, 42);
		expect(keyed).toEqual({
			type: '$purchase',
			email: 'a@b.co',
			details: { unique: { other: 1, key: '42' }, cart: { items: [] } },
		});
		expect(event.details.unique).toEqual({ other: 1 });
	});

	it('leaves the event alone without a key and rejects objects', () => {
		expect(withUniqueKey(event, '')).toBe(event);
		expect(withUniqueKey({ type: 't', email: 'a@b.co' }, 'k')).toEqual({
			type: 't',
			email: 'a@b.co',
			details: { unique: { key: 'k' } },
		});
		expect(withUniqueKey(event, { id: 1 })).toEqual(
			invalid('uniqueKey', 'must be text or a number'),
		);
	});
});
