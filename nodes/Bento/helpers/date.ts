import { type Checked, Invalid } from './invalid';

// Date only, or date and time with an optional offset (Z, +02:00, +0200).
const ISO_8601 =
	/^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;

// Epoch milliseconds below this (March 1973) are almost certainly epoch seconds.
const SMALLEST_EPOCH_MS = 1e11;

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
	if (Math.abs(ms) < SMALLEST_EPOCH_MS) {
		return invalid(`date ${ms} looks like epoch seconds; multiply it by 1000 to send milliseconds`);
	}
	const date = new Date(ms);
	return Number.isNaN(date.getTime()) ? invalid(`date ${ms} is out of range`) : date.toISOString();
}

function fromIsoString(text: string): Checked<string> {
	const normalized = text.replace(' ', 'T');
	const match = ISO_8601.exec(text);
	if (!match || Number.isNaN(Date.parse(normalized))) {
		return invalid(`date "${text}" is not an ISO 8601 date, e.g. 2024-05-01T10:30:00Z`);
	}
	// Keep the sender's own offset; a value without one is read as UTC.
	if (match[1]) return normalized;
	return new Date(text.length > 10 ? `${normalized}Z` : normalized).toISOString();
}

/**
 * The event's `date` as an ISO 8601 string with a time and an offset, or undefined when
 * the value is empty (Bento then uses the time it receives the event).
 * Accepts ISO strings, Luxon DateTime, JS Date and epoch milliseconds.
 */
export function toEventDate(value: unknown): Checked<string | undefined> {
	if (value === undefined || value === null || value === '') return undefined;
	if (typeof value === 'string') return fromIsoString(value.trim());
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
