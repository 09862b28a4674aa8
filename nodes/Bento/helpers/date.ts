import { cleanEnds } from './identifiers';
import {
	type DateParts,
	DateProblem,
	isSentAsWritten,
	offsetText,
	readDateText,
	wallTimeText,
} from './dateText';
import { type Checked, Invalid } from './invalid';
import { utcMs, wallTimeToInstant, zoneOffsetMinutes } from './timeZone';

/** Epoch milliseconds below this (March 1973) are almost certainly epoch seconds: refused. */
export const SMALLEST_EPOCH_MS = 1e11;

/** Numbers below this (the year 2173 as a spreadsheet's day count) are read as day numbers. */
export const SPREADSHEET_DAYS_BELOW = 100_000;

/** The zone a date without an offset is read in by Bento nodes saved at version 1. */
export const VERSION_1_ZONE = 'UTC';

const EXAMPLES = 'e.g. 2026-01-05T10:00:00Z, 2026-01-05 10:00:00+00 or 2026-01-05';

interface LuxonLike {
	isValid: boolean;
	toISO: () => string | null;
}

function isLuxonDateTime(value: object): value is LuxonLike {
	return typeof (value as LuxonLike).toISO === 'function' && 'isValid' in value;
}

const invalid = (message: string) => new Invalid('date', message);

function fromEpochMs(ms: number): Checked<string> {
	if (!Number.isFinite(ms)) return invalid(`date ${ms} is not a number of milliseconds`);
	// A spreadsheet's date is a count of days (46027 is 2026-01-05 in Excel and Google Sheets).
	if (Math.abs(ms) < SPREADSHEET_DAYS_BELOW) {
		return invalid(
			`date ${ms} looks like a spreadsheet's day number; format the cell as a date (e.g. 2026-01-05) or send epoch milliseconds`,
		);
	}
	if (Math.abs(ms) < SMALLEST_EPOCH_MS) {
		return invalid(`date ${ms} looks like epoch seconds; multiply it by 1000 to send milliseconds`);
	}
	const date = new Date(ms);
	return Number.isNaN(date.getTime()) ? invalid(`date ${ms} is out of range`) : date.toISOString();
}

/**
 * A date with no offset, as the instant clocks in `zone` show it, written with that zone's
 * offset then (`2026-01-05T10:00:00.000-05:00`; `Z` when it is 0, so UTC reads as before).
 */
function inZone(parts: DateParts, zone: string): Checked<string> {
	const { year, month, day, hour, minute, second, ms } = parts;
	const wall = utcMs(year, month, day, hour, minute, second, ms);
	let instant: number;
	let offset: number;
	try {
		instant = wallTimeToInstant(wall, zone);
		offset = zoneOffsetMinutes(zone, instant);
	} catch {
		return invalid(
			`the workflow's time zone "${zone}" is unknown: set one in the workflow's settings`,
		);
	}
	// A time skipped by a daylight-saving change moves forward with the clocks (02:30 → 03:30).
	const local = new Date(instant + offset * 60_000);
	const shown = {
		...parts,
		year: local.getUTCFullYear(),
		month: local.getUTCMonth() + 1,
		day: local.getUTCDate(),
		hour: local.getUTCHours(),
		minute: local.getUTCMinutes(),
		second: local.getUTCSeconds(),
	};
	return `${wallTimeText(shown, true)}${offsetText(offset, true)}`;
}

function fromText(text: string, zone: string): Checked<string> {
	if (isSentAsWritten(text)) return text;
	// A Luxon DateTime placed into a longer expression arrives as "[DateTime: <ISO>]".
	const unwrapped = /^\[DateTime: (.*)\]$/.exec(text)?.[1] ?? text;
	const parts = readDateText(unwrapped);
	if (parts instanceof DateProblem)
		return invalid(`date "${text}": ${parts.reason}; write it as ISO 8601, ${EXAMPLES}`);
	if (parts === undefined)
		return invalid(
			`date "${text}" is not an ISO 8601 date or another form the node reads, ${EXAMPLES}`,
		);
	if (parts.offsetMinutes === undefined) return inZone(parts, zone);
	return `${wallTimeText(parts, parts.hasFraction)}${offsetText(parts.offsetMinutes, parts.zulu)}`;
}

/**
 * The event's `date` as ISO 8601 / RFC 3339 text (`2026-01-05T10:00:00+05:00`), or undefined
 * when the value is empty (Bento then uses the time it receives the event).
 *
 * Accepts text in every timestamp form of ISO 8601 / RFC 3339 and as databases and sheets print
 * it (see dateText.ts), Luxon DateTime and JS Date values from expressions, and epoch
 * milliseconds. A written offset is kept as written (normalised to `±HH:MM`, or `Z`); a
 * fraction of a second is truncated to milliseconds. Text without an offset is read in `zone`
 * (an IANA name: the workflow's time zone; `VERSION_1_ZONE` for nodes saved at version 1).
 * Invalid, naming the field `date`, for ambiguous day-month orders (05/01/2026), impossible
 * dates (month 13, 30 February), epoch seconds and values of other types.
 */
export function toEventDate(value: unknown, zone = VERSION_1_ZONE): Checked<string | undefined> {
	if (value === undefined || value === null || value === '') return undefined;
	if (typeof value === 'string') {
		const text = cleanEnds(value);
		return text === '' ? undefined : fromText(text, zone);
	}
	if (typeof value === 'number') return fromEpochMs(value);
	if (value instanceof Date) {
		return Number.isNaN(value.getTime())
			? invalid('date is an invalid JS Date')
			: value.toISOString();
	}
	if (typeof value === 'object' && isLuxonDateTime(value)) {
		return (value.isValid && value.toISO()) || invalid('date is an invalid Luxon DateTime');
	}
	return invalid(
		`date must be an ISO 8601 string, a date or epoch milliseconds, not ${typeof value}`,
	);
}
