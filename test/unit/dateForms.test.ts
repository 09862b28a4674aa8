// Dates as they arrive: every timestamp form of ISO 8601 / RFC 3339, as databases and sheets print
// them, and from n8n's expressions; read in a time zone when they carry no offset.
import { DateTime } from 'luxon';

import { toEventDate } from '../../nodes/Bento/helpers/date';
import { Invalid } from '../../nodes/Bento/helpers/invalid';
import { wallTimeToInstant, zoneOffsetMinutes } from '../../nodes/Bento/helpers/timeZone';

const sent = (value: unknown, zone?: string) => toEventDate(value, zone);

describe('dates with an offset: sent with the same instant and offset, in RFC 3339 form', () => {
	it.each([
		// RFC 3339 as written
		['2026-01-05T10:00:00Z', '2026-01-05T10:00:00Z'],
		['2026-01-05T10:00:00z', '2026-01-05T10:00:00Z'],
		['2026-01-05t10:00:00+02:00', '2026-01-05T10:00:00+02:00'],
		['2026-01-05T10:00:00.123+05:30', '2026-01-05T10:00:00.123+05:30'],
		['2026-01-05T10:00:00-00:00', '2026-01-05T10:00:00+00:00'],
		// PostgreSQL / Supabase (timestamptz): a space, an hour-only offset, microseconds
		['2026-01-05 10:00:00+00', '2026-01-05T10:00:00+00:00'],
		['2026-01-05 10:00:00.123456+05', '2026-01-05T10:00:00.123+05:00'],
		['2026-01-05 10:00:00.5-03', '2026-01-05T10:00:00.500-03:00'],
		['2026-01-05 10:00:00+05:30', '2026-01-05T10:00:00+05:30'],
		// ISO 8601 hour-only and colon-less offsets
		['2026-01-05T10:00:00-03', '2026-01-05T10:00:00-03:00'],
		['2026-01-05T10:00:00+0000', '2026-01-05T10:00:00+00:00'],
		['2026-01-05T10:00:00-0330', '2026-01-05T10:00:00-03:30'],
		// nanoseconds (Go, BigQuery, Snowflake) truncated to milliseconds, never rounded up
		['2026-01-05T10:00:00.123456789Z', '2026-01-05T10:00:00.123Z'],
		['2026-01-05T23:59:59.999999999Z', '2026-01-05T23:59:59.999Z'],
		// a comma as the decimal sign (ISO 8601)
		['2026-01-05T10:00:00,25Z', '2026-01-05T10:00:00.250Z'],
		// minutes only, hours only
		['2026-01-05T10:00Z', '2026-01-05T10:00:00Z'],
		['2026-01-05T10+01', '2026-01-05T10:00:00+01:00'],
		// BigQuery / Snowflake print " UTC"; a space before the offset
		['2026-01-05 10:00:00 UTC', '2026-01-05T10:00:00Z'],
		['2026-01-05 10:00:00.123 UTC', '2026-01-05T10:00:00.123Z'],
		['2026-01-05 10:00:00 +05:30', '2026-01-05T10:00:00+05:30'],
		// ISO 8601 basic form
		['20260105T100000Z', '2026-01-05T10:00:00Z'],
		['20260105T100000.25+0530', '2026-01-05T10:00:00.250+05:30'],
		// year-first with slashes (East Asian locales)
		['2026/01/05 10:00:00+09:00', '2026-01-05T10:00:00+09:00'],
		// RFC 2822 (emails, HTTP) and JavaScript's toUTCString / toString
		['Mon, 05 Jan 2026 10:00:00 +0000', '2026-01-05T10:00:00+00:00'],
		['Mon, 05 Jan 2026 10:00:00 GMT', '2026-01-05T10:00:00Z'],
		['5 Jan 2026 10:00 -0500', '2026-01-05T10:00:00-05:00'],
		[
			'Mon Jan 05 2026 10:00:00 GMT+0100 (Central European Standard Time)',
			'2026-01-05T10:00:00+01:00',
		],
		// a Luxon DateTime placed into a longer expression
		['[DateTime: 2026-01-05T10:00:00.000+01:00]', '2026-01-05T10:00:00.000+01:00'],
		// pasted with white space or an invisible character around it
		['  2026-01-05T10:00:00Z\n', '2026-01-05T10:00:00Z'],
		['\u200b2026-01-05 10:00:00+00', '2026-01-05T10:00:00+00:00'],
		// leap day
		['2024-02-29T12:00:00Z', '2024-02-29T12:00:00Z'],
	])('%p → %p (any workflow time zone)', (input, expected) => {
		expect(sent(input)).toBe(expected);
		expect(sent(input, 'America/New_York')).toBe(expected);
		expect(Date.parse(expected)).not.toBeNaN();
	});

	it('keeps the instant: each sent form parses to the instant the input names', () => {
		expect(Date.parse(sent('2026-01-05 10:00:00.123456+05') as string)).toBe(
			Date.UTC(2026, 0, 5, 5, 0, 0, 123),
		);
		expect(Date.parse(sent('2026-01-05T10:00:00-03') as string)).toBe(Date.UTC(2026, 0, 5, 13));
	});
});

describe('dates without an offset', () => {
	it.each([
		// version 1 (zone UTC): as before
		['2026-01-05T10:00:00', 'UTC', '2026-01-05T10:00:00.000Z'],
		['2026-01-05 10:00:00', 'UTC', '2026-01-05T10:00:00.000Z'],
		['2026-01-05', 'UTC', '2026-01-05T00:00:00.000Z'],
		['20260105', 'UTC', '2026-01-05T00:00:00.000Z'],
		['2026-01-05 10:00:00.123456', 'UTC', '2026-01-05T10:00:00.123Z'],
		// the workflow's time zone (version 1.1)
		['2026-01-05 10:00:00', 'America/New_York', '2026-01-05T10:00:00.000-05:00'],
		['2026-07-05 10:00:00', 'America/New_York', '2026-07-05T10:00:00.000-04:00'],
		['2026-01-05', 'Europe/Berlin', '2026-01-05T00:00:00.000+01:00'],
		['2026-01-05T10:00', 'Asia/Kolkata', '2026-01-05T10:00:00.000+05:30'],
		['2026-01-05T10:00:00', 'Europe/London', '2026-01-05T10:00:00.000Z'],
		['2026-01-05T10:00:00', 'Pacific/Chatham', '2026-01-05T10:00:00.000+13:45'],
		// New York's spring change: 02:30 does not exist on 2026-03-08; Luxon (n8n) reads 03:30 EDT
		['2026-03-08 02:30:00', 'America/New_York', '2026-03-08T03:30:00.000-04:00'],
		['2026-03-08 01:59:59', 'America/New_York', '2026-03-08T01:59:59.000-05:00'],
		['2026-03-08 03:00:00', 'America/New_York', '2026-03-08T03:00:00.000-04:00'],
		// the autumn change: 01:30 on 2026-11-01 happens twice; the first (EDT) is taken
		['2026-11-01 01:30:00', 'America/New_York', '2026-11-01T01:30:00.000-04:00'],
		['2026-11-01 02:30:00', 'America/New_York', '2026-11-01T02:30:00.000-05:00'],
	])('%p in %s → %p', (input, zone, expected) => {
		expect(sent(input, zone)).toBe(expected);
	});

	it.each([
		'2026-01-05 10:00:00',
		'2026-03-08 02:30:00',
		'2026-03-29 02:30:00',
		'2026-10-25 02:30:00',
		'2026-12-31 23:59:59',
		// Not a time that occurs twice: Luxon picks by the offset at the moment it runs.
	])('%p: the same instant Luxon (n8n) gives, in several zones', (input) => {
		for (const zone of [
			'America/New_York',
			'Europe/Berlin',
			'Australia/Lord_Howe',
			'Asia/Tehran',
		]) {
			const luxon = DateTime.fromSQL(input, { zone });
			expect(Date.parse(sent(input, zone) as string)).toBe(luxon.toMillis());
		}
	});

	it('refuses a zone the runtime does not know, naming the workflow setting', () => {
		expect(sent('2026-01-05 10:00', 'Mars/Olympus')).toMatchObject({
			field: 'date',
			message: expect.stringContaining('time zone "Mars/Olympus" is unknown'),
		});
	});
});

describe('dates from expressions', () => {
	it('a Luxon DateTime keeps its zone; a JS Date and epoch ms are UTC instants', () => {
		const luxon = DateTime.fromISO('2026-01-05T10:00:00', { zone: 'Asia/Tokyo' });
		expect(sent(luxon, 'America/New_York')).toBe('2026-01-05T10:00:00.000+09:00');
		expect(sent(new Date(Date.UTC(2026, 0, 5, 10)))).toBe('2026-01-05T10:00:00.000Z');
		expect(sent(Date.UTC(2026, 0, 5, 10), 'Europe/Berlin')).toBe('2026-01-05T10:00:00.000Z');
	});

	it.each(['', '   ', '\u200b', null, undefined])(
		'%p is no date: Bento uses the time it receives',
		(v) => {
			expect(sent(v)).toBeUndefined();
		},
	);
});

describe('refused: ambiguous or impossible, naming the field with an example', () => {
	it.each([
		['05/01/2026', 'ambiguous'],
		['1/5/26', 'ambiguous'],
		['01/05/2026 10:00', 'ambiguous'],
		['5.1.2026', 'ambiguous'],
		['13/01/2026', 'ambiguous'],
		['05-01-2026', 'ambiguous'],
		['2026-13-05', 'month 13 does not exist'],
		['2026-00-05', 'month 0 does not exist'],
		['2026-02-29', 'that month has 28 days'],
		['2026-04-31T10:00:00Z', 'that month has 30 days'],
		['2026-01-05T24:00:00Z', 'hour 24 does not exist'],
		['2026-01-05T10:60:00Z', 'minute 60 does not exist'],
		['2026-01-05T10:00:60Z', 'second 60 cannot be sent'],
		['2026-01-05T10:00:00+24:00', 'offset +24:00 does not exist'],
		['2026-01-05T10:00:00+05:60', 'offset +05:60 does not exist'],
		['2026-1-5', 'not an ISO 8601 date'],
		['2026-01-05T10:00:00 Z junk', 'not an ISO 8601 date'],
		['2026-01-05T1000', 'not an ISO 8601 date'],
		['yesterday', 'not an ISO 8601 date'],
		['1736071200', 'not an ISO 8601 date'],
	])('%p: %s', (input, reason) => {
		const result = sent(input);
		expect(result).toBeInstanceOf(Invalid);
		expect(result).toMatchObject({ field: 'date' });
		expect((result as Invalid).message).toContain(reason);
		expect((result as Invalid).message).toContain(`"${input}"`);
		expect((result as Invalid).message).toContain('e.g. 2026-01-05T10:00:00Z');
	});
});

describe('time-zone arithmetic', () => {
	it.each([
		['America/New_York', Date.UTC(2026, 0, 5, 15), -300],
		['America/New_York', Date.UTC(2026, 2, 8, 6, 59, 59), -300],
		['America/New_York', Date.UTC(2026, 2, 8, 7), -240],
		['Asia/Kolkata', Date.UTC(2026, 0, 5), 330],
		['UTC', Date.UTC(2026, 0, 5), 0],
		// British Standard Time, 1968-1971: GMT+1 all winter
		['Europe/London', Date.UTC(1970, 0, 1), 60],
	])('%s at %p is %p minutes from UTC', (zone, instant, minutes) => {
		expect(zoneOffsetMinutes(zone, instant)).toBe(minutes);
	});

	it('a wall time in a zone is the instant its clocks show it', () => {
		expect(wallTimeToInstant(Date.UTC(2026, 0, 5, 10), 'America/New_York')).toBe(
			Date.UTC(2026, 0, 5, 15),
		);
	});
});
