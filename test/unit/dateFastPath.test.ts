// The short ways through reading a date (issue 31, item 7): a date already as the node sends it
// goes as it is, UTC's offset is 0, and the offset just read is not read again. Each must give
// what the long way gives, for every text and instant.
import { toBentoEvent } from '../../nodes/Bento/actions/event/toBentoEvent';
import { toEventDate } from '../../nodes/Bento/helpers/date';
import {
	DateProblem,
	isSentAsWritten,
	offsetText,
	readDateText,
	wallTimeText,
} from '../../nodes/Bento/helpers/dateText';
import { wallTimeToInstant, zoneOffsetMinutes } from '../../nodes/Bento/helpers/timeZone';

/** The long way for a text with an offset: taken apart and written again. */
function rewritten(text: string): string | undefined {
	const parts = readDateText(text);
	if (parts === undefined || parts instanceof DateProblem || parts.offsetMinutes === undefined)
		return undefined;
	return `${wallTimeText(parts, parts.hasFraction)}${offsetText(parts.offsetMinutes, parts.zulu)}`;
}

const CANONICAL = [
	'2026-01-05T10:00:00Z',
	'2026-01-05T10:00:00.000Z',
	'2026-12-31T23:59:59.999+05:30',
	'2024-02-29T00:00:00-03:00',
	'0000-02-29T12:00:00+00:00',
	'9999-12-31T23:59:59.999-23:59',
];

// Every character of each canonical text replaced by each of these, and each text cut short or
// made longer: near misses of the form, which must take the long way or give the same text.
const REPLACEMENTS = [...'0123456789', '-', ':', '.', ',', 'T', 't', 'Z', 'z', '+', ' ', '/'];

function nearMisses(): string[] {
	const texts = new Set<string>();
	for (const text of CANONICAL) {
		for (let k = 0; k < text.length; k++) {
			for (const char of REPLACEMENTS) texts.add(text.slice(0, k) + char + text.slice(k + 1));
			texts.add(text.slice(0, k) + text.slice(k + 1));
			texts.add(text.slice(0, k));
		}
		texts.add(`${text}0`);
		texts.add(`${text.slice(0, 19)}.5Z`);
		texts.add(`${text.slice(0, 19)}.1234Z`);
	}
	return [...texts];
}

describe('a date already as the node sends it', () => {
	it.each(CANONICAL)('%s is sent as it is, as the long way writes it', (text) => {
		expect(isSentAsWritten(text)).toBe(true);
		expect(rewritten(text)).toBe(text);
		expect(toEventDate(text, 'America/New_York')).toBe(text);
	});

	it("gives the long way's text for every near miss, and is taken only where that is the same", () => {
		const misses = nearMisses();
		expect(misses.length).toBeGreaterThan(2000);
		let taken = 0;
		for (const text of misses) {
			if (!isSentAsWritten(text)) continue;
			taken++;
			expect([text, rewritten(text)]).toEqual([text, text]);
		}
		// The short way is taken for some (other digits), not all (broken forms).
		expect(taken).toBeGreaterThan(50);
		expect(taken).toBeLessThan(misses.length / 2);
	});

	it.each([
		['-00:00 (sent as +00:00)', '2026-01-05T10:00:00-00:00'],
		['a lower-case z', '2026-01-05T10:00:00z'],
		['a lower-case t', '2026-01-05t10:00:00Z'],
		['two decimals (sent as three)', '2026-01-05T10:00:00.50Z'],
		['29 February of a common year', '2025-02-29T10:00:00Z'],
		['31 April', '2026-04-31T10:00:00Z'],
		['second 60', '2026-01-05T10:00:60Z'],
		['hour 24', '2026-01-05T24:00:00Z'],
		['an offset of 24 hours', '2026-01-05T10:00:00+24:00'],
		['no offset (read in the zone)', '2026-01-05T10:00:00.000'],
	])('takes the long way for %s', (_, text) => {
		expect(isSentAsWritten(text)).toBe(false);
	});
});

describe("a zone's offset", () => {
	const instants = [
		Date.UTC(2026, 0, 5, 10),
		Date.UTC(2026, 2, 8, 7, 30),
		Date.UTC(2026, 10, 1, 5, 59, 59),
		Date.UTC(1850, 5, 1),
		-62_000_000_000_000,
	];

	it('is the same asked in any order, once or twice in a row', () => {
		const once = instants.map((t) => zoneOffsetMinutes('America/New_York', t));
		const mixed = instants.flatMap((t) => [
			zoneOffsetMinutes('America/New_York', t),
			zoneOffsetMinutes('America/New_York', t),
			zoneOffsetMinutes('Asia/Kolkata', t),
		]);
		expect(mixed.filter((_, k) => k % 3 !== 2)).toEqual(once.flatMap((m) => [m, m]));
		expect(once.slice(0, 3)).toEqual([-300, -240, -240]);
		expect(mixed[2]).toBe(330);
	});

	it('is 0 in UTC at every instant, as Intl says', () => {
		for (const t of instants) {
			expect(zoneOffsetMinutes('UTC', t)).toBe(0);
			expect(wallTimeToInstant(t, 'UTC')).toBe(t);
		}
		const utc = new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', hour: 'numeric' });
		expect(utc.resolvedOptions().timeZone).toBe('UTC');
	});

	it('still refuses a zone the runtime does not know, after a known one was read', () => {
		zoneOffsetMinutes('Europe/Oslo', instants[0]);
		expect(() => zoneOffsetMinutes('Mars/Olympus_Mons', instants[0])).toThrow(RangeError);
		expect(toEventDate('2026-01-05 10:00', 'Mars/Olympus_Mons')).toMatchObject({
			message: expect.stringContaining('"Mars/Olympus_Mons" is unknown'),
		});
	});
});

describe('an auto-mapped $purchase already as Bento takes it', () => {
	const purchase = () => ({
		type: '$purchase',
		email: 'ann@example.com',
		fields: { first_name: 'Ann' },
		details: { unique: { key: 'order-1' }, value: { currency: 'USD', amount: 1800 } },
		date: '2026-01-05T10:00:00.000Z',
	});

	it('goes as it is, with its date', () => {
		const input = purchase();
		expect(toBentoEvent(input, 'America/New_York')).toBe(input);
	});

	it.each([
		['a date to rewrite', { date: '2026-01-05T10:00:00-00:00' }, '2026-01-05T10:00:00+00:00'],
		[
			'a date without an offset',
			{ date: '2026-01-05T05:00:00.000' },
			'2026-01-05T05:00:00.000-05:00',
		],
		['a key holding undefined', { note: undefined }, '2026-01-05T10:00:00.000Z'],
	])('with %s: a new event with only its keys', (_, change, date) => {
		const input = { ...purchase(), ...change };
		const event = toBentoEvent(input, 'America/New_York');
		expect(event).not.toBe(input);
		expect(event).toEqual({ ...purchase(), date });
		expect(Object.keys(event)).toEqual(['type', 'email', 'fields', 'details', 'date']);
	});
});
