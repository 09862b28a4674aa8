import { toEventDate } from '../../nodes/Bento/helpers/date';
import { Invalid } from '../../nodes/Bento/helpers/invalid';

describe('toEventDate', () => {
	it.each([undefined, null, ''])('omits an empty date (%p)', (value) => {
		expect(toEventDate(value)).toBeUndefined();
	});

	it.each([
		['2024-05-01T10:30:00Z', '2024-05-01T10:30:00Z'],
		['2024-05-01T10:30:00.123+02:00', '2024-05-01T10:30:00.123+02:00'],
		// Offsets and missing seconds are written in RFC 3339's form; the instant and offset are kept.
		['2024-05-01 10:30:00-0500', '2024-05-01T10:30:00-05:00'],
		['2024-05-01T10:30:00', '2024-05-01T10:30:00.000Z'],
		['2024-05-01', '2024-05-01T00:00:00.000Z'],
		['  2024-05-01T10:30Z ', '2024-05-01T10:30:00Z'],
	])('reads the ISO string %p as %p', (input, expected) => {
		expect(toEventDate(input)).toBe(expected);
	});

	it('turns a JS Date and epoch milliseconds into UTC ISO strings', () => {
		expect(toEventDate(new Date(Date.UTC(2024, 4, 1, 10, 30)))).toBe('2024-05-01T10:30:00.000Z');
		expect(toEventDate(1714559400000)).toBe('2024-05-01T10:30:00.000Z');
	});

	it('uses a Luxon DateTime with its own offset', () => {
		const luxon = { isValid: true, toISO: () => '2024-05-01T12:30:00.000+02:00' };
		expect(toEventDate(luxon)).toBe('2024-05-01T12:30:00.000+02:00');
		expect(toEventDate({ isValid: false, toISO: () => null })).toBeInstanceOf(Invalid);
	});

	it.each([
		['yesterday', 'not an ISO 8601 date'],
		['2024-13-45', 'month 13 does not exist'],
		['05/01/2024', 'ambiguous'],
		[1714559400, 'looks like epoch seconds'],
		[46027, "looks like a spreadsheet's day number"],
		[Number.NaN, 'not a number'],
		[new Date('nope'), 'invalid JS Date'],
		[true, 'not boolean'],
		[{ when: 'now' }, 'not object'],
	])('rejects %p, naming the date field', (input, message) => {
		const result = toEventDate(input);
		expect(result).toBeInstanceOf(Invalid);
		expect(result).toMatchObject({ field: 'date' });
		expect((result as Invalid).message).toContain(message);
	});
});
