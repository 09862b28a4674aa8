import type { Currency } from './currency';
import { type Checked, Invalid } from './invalid';

/** How an amount is given: in the currency's minor unit (cents) or its major unit (dollars). */
export type AmountUnit = 'minor' | 'major';

// A plain decimal: digits, optionally a point and more digits. No sign, exponent or separators.
const DECIMAL = /^(\d+)(?:\.(\d+))?$/;

/** The amount as decimal text, or why it cannot be one. Numbers keep their shortest form. */
function amountText(value: unknown, field: string): Checked<string> {
	if (typeof value === 'number') {
		if (!Number.isFinite(value)) return new Invalid(field, `${field} must be a finite number`);
		return String(value);
	}
	if (typeof value === 'string' && value.trim() !== '') return value.trim();
	const got = value === undefined || value === '' ? 'missing' : typeof value;
	return new Invalid(field, `${field} is required: a number such as 80.00 (got ${got})`);
}

/**
 * An amount in `currency`'s minor unit, as Bento's `details.value.amount` takes it (cents for
 * USD, yen for JPY, fils for KWD). `unit: 'major'` converts exactly with text and integer
 * arithmetic (80.00 USD -> 8000, 1.5 KWD -> 1500, 500 JPY -> 500), never through floats.
 * Invalid (naming `field`) for a negative, non-decimal or too large value, or for more decimals
 * than the currency has (80.001 USD, 500.5 JPY), or a decimal point in the minor unit (12.5 or
 * 80.00 cents: most likely dollars meant).
 */
export function toMinorUnits(
	value: unknown,
	unit: AmountUnit,
	currency: Currency,
	field = 'amount',
): Checked<number> {
	const text = amountText(value, field);
	if (text instanceof Invalid) return text;
	if (text.startsWith('-'))
		return new Invalid(field, `${field} must not be negative (got ${text})`);
	const parts = DECIMAL.exec(text);
	if (!parts) {
		return new Invalid(
			field,
			`${field} "${text}" is not a plain number: use digits and an optional decimal point, e.g. 1234.50`,
		);
	}
	const [, whole, fraction = ''] = parts;
	// In the smallest unit a decimal point is a slip (80.00 meant as dollars): refuse it rather
	// than record 80 cents.
	if (unit === 'minor' && parts[2] !== undefined) {
		return new Invalid(
			field,
			`${field} ${text} is in the smallest unit of ${currency.code} (cents for USD) and must be a whole number; for an amount like ${text}, set Amount Unit to the major unit`,
		);
	}
	const digits = unit === 'major' ? currency.minorUnit : 0;
	// Decimals past the currency's own are allowed only as zeros: 80.000 USD is 8000, 80.005 is not.
	const kept = fraction.slice(0, digits);
	if (/[^0]/.test(fraction.slice(digits))) {
		const most =
			digits === 0 ? 'no decimals' : `at most ${digits} decimal${digits === 1 ? '' : 's'}`;
		return new Invalid(field, `${field} ${text}: ${currency.code} has ${most}`);
	}
	const minor = BigInt(whole) * 10n ** BigInt(digits) + BigInt(kept.padEnd(digits, '0') || '0');
	if (minor > BigInt(Number.MAX_SAFE_INTEGER))
		return new Invalid(field, `${field} ${text} ${currency.code} is too large`);
	return Number(minor);
}
