// Reading a date written as text: every timestamp form of ISO 8601 and RFC 3339, what databases
// and spreadsheets print (PostgreSQL's `2026-01-05 10:00:00.123456+05`, BigQuery's `... UTC`,
// `2026/01/05` of East Asian locales), RFC 2822 (emails, HTTP) and JavaScript's Date.toString().
// Pure; no n8n imports.

/** A calendar date and wall-clock time as written, and its offset from UTC when one is written. */
export interface DateParts {
	year: number;
	month: number;
	day: number;
	hour: number;
	minute: number;
	second: number;
	/** Milliseconds: a longer fraction (micro- or nanoseconds) is truncated to them. */
	ms: number;
	/** Whether a fraction of a second was written (kept in what is sent). */
	hasFraction: boolean;
	/** Minutes east of UTC; undefined when the text has no offset (read in a time zone). */
	offsetMinutes?: number;
	/** The offset was written as Z, UTC or GMT (sent as Z). */
	zulu: boolean;
}

/** What a date that cannot be read gets as its reason; the caller names the field and item. */
export class DateProblem {
	constructor(readonly reason: string) {}
}

// Extended form: 2026-01-05, 2026-01-05T10, 2026-01-05 10:00, 2026-01-05T10:00:00.123456789,
// then an optional offset (Z, +05, +0530, +05:30, UTC, GMT), optionally after one space.
// The date's separator is `-`, or `/` for year-first dates (2026/01/05).
const EXTENDED =
	/^(\d{4})([-/])(\d{2})\2(\d{2})(?:[T ](\d{2})(?::(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?(?: ?(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?))?)?$/i;
// Basic form: 20260105, 20260105T100000Z, 20260105T100000.5+0530.
const BASIC =
	/^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(?:(\d{2})(?:(\d{2})(?:[.,](\d+))?)?)?(Z|[+-]\d{2}(?:\d{2})?)?)?$/i;

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DAY = '(?:mon|tue|wed|thu|fri|sat|sun)';
const MONTH = '(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)';
const CLOCK = '(\\d{2}):(\\d{2})(?::(\\d{2}))?';
// RFC 2822 and Date.toUTCString(): "Mon, 05 Jan 2026 10:00:00 +0000" / "... GMT".
const RFC_2822 = new RegExp(
	`^(?:${DAY},? )?(\\d{1,2}) ${MONTH} (\\d{4}) ${CLOCK} (Z|UT|UTC|GMT|[+-]\\d{4})$`,
	'i',
);
// Date.toString(): "Mon Jan 05 2026 10:00:00 GMT+0000 (Coordinated Universal Time)".
const JS_STRING = new RegExp(
	`^${DAY} ${MONTH} (\\d{1,2}) (\\d{4}) ${CLOCK} GMT([+-]\\d{4})(?: \\(.*\\))?$`,
	'i',
);
// Day and month in an order that differs between countries: 05/01/2026, 1/5/26, 5.1.2026.
const DAY_MONTH_ORDER = /^\d{1,2}([/.-])\d{1,2}\1\d{2,4}(?:[ T,].*)?$/;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const ISO_NAME = (y: number, m: number, d: number) => `${pad(y, 4)}-${pad(m)}-${pad(d)}`;

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysIn(year: number, month: number): number {
	const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
	return month === 2 && leap ? 29 : DAYS[month - 1];
}

/** Minutes east of UTC of `+05`, `-0330`, `+05:30`, `Z`; a DateProblem past ±23:59. */
function readOffset(text: string): number | DateProblem {
	if (/^(z|ut|utc|gmt)$/i.test(text)) return 0;
	const digits = text.slice(1).replace(':', '');
	const hours = Number(digits.slice(0, 2));
	const minutes = digits.length > 2 ? Number(digits.slice(2)) : 0;
	if (hours > 23 || minutes > 59) return new DateProblem(`its offset ${text} does not exist`);
	return (text.startsWith('-') ? -1 : 1) * (hours * 60 + minutes);
}

/** Checks the calendar and the clock; the parts, or what is wrong. */
function checked(
	[year, month, day, hour, minute, second]: number[],
	fraction: string | undefined,
	offset: string | undefined,
): DateParts | DateProblem {
	if (month < 1 || month > 12) return new DateProblem(`month ${month} does not exist`);
	const last = daysIn(year, month);
	if (day < 1 || day > last)
		return new DateProblem(
			`${ISO_NAME(year, month, day)} does not exist (that month has ${last} days)`,
		);
	if (hour > 23) return new DateProblem(`hour ${hour} does not exist (0 to 23)`);
	if (minute > 59) return new DateProblem(`minute ${minute} does not exist`);
	if (second > 59) return new DateProblem(`second ${second} cannot be sent (0 to 59)`);
	const offsetMinutes = offset === undefined ? undefined : readOffset(offset);
	if (offsetMinutes instanceof DateProblem) return offsetMinutes;
	return {
		year,
		month,
		day,
		hour,
		minute,
		second,
		ms: fraction === undefined ? 0 : Number(fraction.slice(0, 3).padEnd(3, '0')),
		hasFraction: fraction !== undefined,
		offsetMinutes,
		zulu: offset !== undefined && /^[zug]/i.test(offset),
	};
}

const numbers = (...texts: Array<string | undefined>) => texts.map((t) => Number(t ?? 0));

/**
 * The parts of a date written as text (already cleaned at its ends), a DateProblem saying why
 * it cannot be read (a day-month order that differs between countries, a month 13), or
 * undefined when the text is no date form at all.
 */
export function readDateText(text: string): DateParts | DateProblem | undefined {
	const iso = EXTENDED.exec(text);
	if (iso) {
		const [, y, , mo, d, h, mi, s, fraction, offset] = iso;
		return checked(numbers(y, mo, d, h, mi, s), fraction, offset);
	}
	const basic = BASIC.exec(text);
	if (basic) {
		const [, y, mo, d, h, mi, s, fraction, offset] = basic;
		return checked(numbers(y, mo, d, h, mi, s), fraction, offset);
	}
	const rfc = RFC_2822.exec(text);
	if (rfc) {
		const [, d, mo, y, h, mi, s, offset] = rfc;
		const month = MONTHS.indexOf(mo.toLowerCase()) + 1;
		return checked([Number(y), month, ...numbers(d, h, mi, s)], undefined, offset);
	}
	const js = JS_STRING.exec(text);
	if (js) {
		const [, mo, d, y, h, mi, s, offset] = js;
		const month = MONTHS.indexOf(mo.toLowerCase()) + 1;
		return checked([Number(y), month, ...numbers(d, h, mi, s)], undefined, offset);
	}
	if (DAY_MONTH_ORDER.test(text))
		return new DateProblem(
			'ambiguous, day and month come in a different order in different countries (5 January or 1 May?)',
		);
	return undefined;
}

/** `2026-01-05T10:00:00.123` (no offset) from parts; the fraction only when written or asked. */
export function wallTimeText(parts: DateParts, withMs: boolean): string {
	const { year, month, day, hour, minute, second, ms } = parts;
	const clock = `${pad(hour)}:${pad(minute)}:${pad(second)}`;
	return `${ISO_NAME(year, month, day)}T${clock}${withMs ? `.${pad(ms, 3)}` : ''}`;
}

/** `Z` for 0 when `zulu`, otherwise `+05:30` / `-03:00`. */
export function offsetText(minutes: number, zulu: boolean): string {
	if (zulu && minutes === 0) return 'Z';
	const sign = minutes < 0 ? '-' : '+';
	const abs = Math.abs(minutes);
	return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** The number of two ASCII digits at `k`, or -1. */
function twoDigitsAt(text: string, k: number): number {
	const tens = text.charCodeAt(k) - 48;
	const ones = text.charCodeAt(k + 1) - 48;
	return tens >= 0 && tens <= 9 && ones >= 0 && ones <= 9 ? tens * 10 + ones : -1;
}

/**
 * Whether `text` is a date already as the node sends it, `2026-01-05T10:00:00Z` or
 * `2026-01-05T10:00:00.000+05:30` (a capital T, seconds, no fraction or exactly 3 digits, `Z` or
 * `±HH:MM` but not `-00:00`), and exists: readDateText, wallTimeText and offsetText would give
 * it back unchanged. Date.toISOString() and Luxon's toISO() write dates so, and nearly every date
 * a workflow sends comes from them; read character by character, it is sent as it is without
 * being taken apart.
 */
export function isSentAsWritten(text: string): boolean {
	const fraction = text.charCodeAt(19) === 0x2e; // '.'
	const zone = fraction ? 23 : 19;
	const sign = text.charCodeAt(zone);
	if (sign === 0x5a /* Z */) {
		if (text.length !== zone + 1) return false;
	} else if (sign === 0x2b /* + */ || sign === 0x2d /* - */) {
		if (text.length !== zone + 6 || text.charCodeAt(zone + 3) !== 0x3a) return false;
		const hours = twoDigitsAt(text, zone + 1);
		const minutes = twoDigitsAt(text, zone + 4);
		if (hours < 0 || hours > 23 || minutes < 0 || minutes > 59) return false;
		if (sign === 0x2d && hours === 0 && minutes === 0) return false;
	} else return false;
	if (fraction && (twoDigitsAt(text, 20) < 0 || twoDigitsAt(text, 21) < 0)) return false;
	const century = twoDigitsAt(text, 0);
	const yearInCentury = twoDigitsAt(text, 2);
	const month = twoDigitsAt(text, 5);
	const day = twoDigitsAt(text, 8);
	const hour = twoDigitsAt(text, 11);
	const minute = twoDigitsAt(text, 14);
	const second = twoDigitsAt(text, 17);
	return (
		century >= 0 &&
		yearInCentury >= 0 &&
		text.charCodeAt(4) === 0x2d &&
		text.charCodeAt(7) === 0x2d &&
		text.charCodeAt(10) === 0x54 && // 'T'
		text.charCodeAt(13) === 0x3a &&
		text.charCodeAt(16) === 0x3a &&
		month >= 1 &&
		month <= 12 &&
		day >= 1 &&
		day <= daysIn(century * 100 + yearInCentury, month) &&
		hour >= 0 &&
		hour <= 23 &&
		minute >= 0 &&
		minute <= 59 &&
		second >= 0 &&
		second <= 59
	);
}
