// Time-zone arithmetic with the runtime's IANA data (Intl), no library: what Luxon, n8n's date
// library, does for a zone, for the one thing the node needs (a wall-clock time in a zone).

// One formatter per zone: building one is costly. Zones are a fixed set of a few hundred names,
// so the map is bounded.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
	let format = formatters.get(zone);
	if (!format) {
		// Throws a RangeError for a zone the runtime does not know.
		format = new Intl.DateTimeFormat('en-US', {
			timeZone: zone,
			hourCycle: 'h23',
			era: 'short',
			year: 'numeric',
			month: 'numeric',
			day: 'numeric',
			hour: 'numeric',
			minute: 'numeric',
			second: 'numeric',
		});
		formatters.set(zone, format);
	}
	return format;
}

/** Milliseconds since the epoch of a UTC calendar time; years 0-99 are not read as 19xx. */
export function utcMs(
	year: number,
	month: number,
	day: number,
	hour = 0,
	minute = 0,
	second = 0,
	ms = 0,
): number {
	const date = new Date(Date.UTC(2000, month - 1, day, hour, minute, second, ms));
	date.setUTCFullYear(year);
	return date.getTime();
}

/**
 * The offset of `zone` from UTC at the instant `instantMs`, in minutes (New York in January:
 * -300). Throws a RangeError when the runtime does not know the zone.
 */
export function zoneOffsetMinutes(zone: string, instantMs: number): number {
	const whole = Math.floor(instantMs / 1000) * 1000;
	if (zone === 'UTC') return 0;
	// Reading a date asks for the same instant twice in a row (wallTimeToInstant, then inZone).
	if (zone === last.zone && whole === last.whole) return last.offset;
	const offset = readOffset(zone, whole);
	last = { zone, whole, offset };
	return offset;
}

/** The last offset read: a pure function's answer, the same in any execution. */
let last = { zone: '', whole: Number.NaN, offset: 0 };

function readOffset(zone: string, whole: number): number {
	const part: Record<string, string> = {};
	for (const { type, value } of formatter(zone).formatToParts(new Date(whole))) part[type] = value;
	const year = part.era === 'BC' ? 1 - Number(part.year) : Number(part.year);
	const local = utcMs(
		year,
		Number(part.month),
		Number(part.day),
		Number(part.hour),
		Number(part.minute),
		Number(part.second),
	);
	return Math.round((local - whole) / 60_000);
}

/**
 * The instant (ms since the epoch) at which clocks in `zone` show `wallMs` (a wall-clock time
 * written as if it were UTC ms). As Luxon reads one: a time skipped by a daylight-saving change
 * (New York, 2026-03-08 02:30) is read with the offset before the change, i.e. as 03:30 after
 * it; a time that occurs twice (the autumn change) is the first of the two.
 */
export function wallTimeToInstant(wallMs: number, zone: string): number {
	const guess = zoneOffsetMinutes(zone, wallMs);
	let instant = wallMs - guess * 60_000;
	const second = zoneOffsetMinutes(zone, instant);
	if (second === guess) return instant;
	instant -= (second - guess) * 60_000;
	const third = zoneOffsetMinutes(zone, instant);
	if (third === second) return instant;
	return wallMs - Math.min(second, third) * 60_000;
}
