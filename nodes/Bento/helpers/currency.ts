import { type Checked, Invalid } from './invalid';

// ISO 4217's active currency codes by their minor unit (the digits after the decimal point).
// Codes with no minor unit in the standard (gold, SDRs, test codes: XAU, XDR, XTS, XXX...) are
// not money a purchase is paid in, so they are not accepted. Source: ISO 4217 list one.
const BY_MINOR_UNIT: Record<number, string> = {
	0: 'BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF',
	2:
		'AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BMD BND BOB BOV BRL BSD BTN BWP BYN ' +
		'BZD CAD CDF CHE CHF CHW CNY COP COU CRC CUC CUP CVE CZK DKK DOP DZD EGP ERN ETB EUR FJD FKP ' +
		'GBP GEL GHS GIP GMD GTQ GYD HKD HNL HTG HUF IDR ILS INR IRR JMD KES KGS KHR KPW KYD KZT LAK ' +
		'LBP LKR LRD LSL MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK ' +
		'NPR NZD PAB PEN PGK PHP PKR PLN QAR RON RSD RUB SAR SBD SCR SDG SEK SGD SHP SLE SLL SOS SRD ' +
		'SSP STN SVC SYP SZL THB TJS TMT TOP TRY TTD TWD TZS UAH USD USN UYU UZS VED VES WST XCD XCG ' +
		'YER ZAR ZMW ZWG ZWL',
	3: 'BHD IQD JOD KWD LYD OMR TND',
	4: 'CLF UYW',
};

const MINOR_UNITS = new Map<string, number>(
	Object.entries(BY_MINOR_UNIT).flatMap(([digits, codes]) =>
		codes.split(' ').map((code) => [code, Number(digits)] as [string, number]),
	),
);

export interface Currency {
	/** The ISO 4217 code, upper case: `USD`. */
	code: string;
	/** Digits of its minor unit: 2 for USD (cents), 0 for JPY, 3 for KWD. */
	minorUnit: number;
}

/**
 * An ISO 4217 currency from a code in any case (`usd`, ` EUR `). Invalid (naming `field`) when
 * the value is not text or not an active code with a minor unit.
 */
export function checkCurrency(value: unknown, field = 'currency'): Checked<Currency> {
	if (typeof value !== 'string' || value.trim() === '')
		return new Invalid(field, `${field} is required: an ISO 4217 code such as USD`);
	const code = value.trim().toUpperCase();
	const minorUnit = MINOR_UNITS.get(code);
	if (minorUnit === undefined)
		return new Invalid(field, `${field} "${value.trim()}" is not an ISO 4217 currency code`);
	return { code, minorUnit };
}
