import { toMinorUnits } from '../../nodes/Bento/helpers/amount';
import { checkCurrency, type Currency } from '../../nodes/Bento/helpers/currency';
import { Invalid } from '../../nodes/Bento/helpers/invalid';
import { mergeDetails, toPurchaseDetails } from '../../nodes/Bento/helpers/purchase';

const currency = (code: string) => checkCurrency(code) as Currency;

describe('checkCurrency', () => {
	it.each([
		['USD', 'USD', 2],
		['usd', 'USD', 2],
		[' eur ', 'EUR', 2],
		['JPY', 'JPY', 0],
		['KRW', 'KRW', 0],
		['KWD', 'KWD', 3],
		['BHD', 'BHD', 3],
		['CLF', 'CLF', 4],
	])('%p is %s with %i decimals', (input, code, minorUnit) => {
		expect(checkCurrency(input)).toEqual({ code, minorUnit });
	});

	it.each([
		['US', 'is not an ISO 4217 currency code'],
		['DOLLARS', 'is not an ISO 4217 currency code'],
		['$', 'is not an ISO 4217 currency code'],
		['XAU', 'is not an ISO 4217 currency code'],
		['XXX', 'is not an ISO 4217 currency code'],
		['', 'is required'],
		[undefined, 'is required'],
		[840, 'is required'],
	])('refuses %p', (input, text) => {
		const result = checkCurrency(input, 'purchase.currency');
		expect(result).toBeInstanceOf(Invalid);
		expect((result as Invalid).field).toBe('purchase.currency');
		expect((result as Invalid).message).toContain(text);
	});
});

describe('toMinorUnits', () => {
	it.each([
		// major unit: exact, never through floats
		['80.00', 'major', 'USD', 8000],
		['80', 'major', 'USD', 8000],
		['80.1', 'major', 'USD', 8010],
		['0.29', 'major', 'USD', 29], // 0.29 * 100 is 28.999999999999996 in floats
		['19.99', 'major', 'USD', 1999],
		[1.15, 'major', 'USD', 115], // 1.15 * 100 is 114.99999999999999
		['80.000', 'major', 'USD', 8000],
		['500', 'major', 'JPY', 500],
		['500.00', 'major', 'JPY', 500],
		['1.5', 'major', 'KWD', 1500],
		['1.234', 'major', 'KWD', 1234],
		['0.0001', 'major', 'CLF', 1],
		['90071992547409.91', 'major', 'USD', 9007199254740991],
		// minor unit: as given
		['8000', 'minor', 'USD', 8000],
		[8000, 'minor', 'USD', 8000],
		[' 500 ', 'minor', 'JPY', 500],
		['0', 'minor', 'USD', 0],
	] as const)('%p %s %s is %i', (value, unit, code, expected) => {
		expect(toMinorUnits(value, unit, currency(code))).toBe(expected);
	});

	it.each([
		['80.001', 'major', 'USD', 'USD has at most 2 decimals'],
		['500.5', 'major', 'JPY', 'JPY has no decimals'],
		['1.2345', 'major', 'KWD', 'KWD has at most 3 decimals'],
		['80.00', 'minor', 'USD', 'must be a whole number'],
		[12.5, 'minor', 'USD', 'must be a whole number'],
		['-5', 'major', 'USD', 'must not be negative'],
		['1,234.50', 'major', 'USD', 'is not a plain number'],
		['$80', 'major', 'USD', 'is not a plain number'],
		['80 USD', 'major', 'USD', 'is not a plain number'],
		['1e3', 'major', 'USD', 'is not a plain number'],
		[1e21, 'minor', 'USD', 'is not a plain number'],
		['.5', 'major', 'USD', 'is not a plain number'],
		[Number.NaN, 'major', 'USD', 'must be a finite number'],
		['', 'major', 'USD', 'is required'],
		[undefined, 'major', 'USD', 'is required'],
		[true, 'major', 'USD', 'is required'],
		['90071992547409.92', 'major', 'USD', 'is too large'],
	] as const)('refuses %p %s %s', (value, unit, code, text) => {
		const result = toMinorUnits(value, unit, currency(code), 'purchase.amount');
		expect(result).toBeInstanceOf(Invalid);
		expect((result as Invalid).field).toBe('purchase.amount');
		expect((result as Invalid).message).toContain(text);
	});
});

describe('toPurchaseDetails', () => {
	it('builds unique, value and cart', () => {
		expect(
			toPurchaseDetails({
				orderId: ' #1042 ',
				amount: '80.00',
				amountUnit: 'major',
				currency: 'usd',
				cartItems: [
					{ sku: 'TEE-M', name: 'T-shirt', quantity: 2 },
					{ sku: '', name: '', quantity: '' },
					{ name: 'Mug', quantity: '1' },
				],
			}),
		).toEqual({
			unique: { key: '#1042' },
			value: { amount: 8000, currency: 'USD' },
			cart: {
				items: [
					{ product_sku: 'TEE-M', product_name: 'T-shirt', quantity: 2 },
					{ product_name: 'Mug', quantity: 1 },
				],
			},
		});
	});

	it('takes a numeric order id as text, leaves unique out without one, cents by default', () => {
		expect(toPurchaseDetails({ orderId: 1042, amount: 8000, currency: 'JPY' })).toEqual({
			unique: { key: '1042' },
			value: { amount: 8000, currency: 'JPY' },
		});
		expect(toPurchaseDetails({ amount: '8000', currency: 'USD' })).toEqual({
			value: { amount: 8000, currency: 'USD' },
		});
	});

	it.each([
		[
			{ amount: '1', currency: 'USD', cartItems: [{ quantity: 1.5 }] },
			'purchase.cartItems[0].quantity',
		],
		[
			{ amount: '1', currency: 'USD', cartItems: [{}, { quantity: 'two' }] },
			'purchase.cartItems[1].quantity',
		],
		[{ amount: '1', currency: 'USD', orderId: { id: 1 } }, 'purchase.orderId'],
		[{ amount: '1.5', currency: 'USD' }, 'purchase.amount'],
		[{ amount: '1', currency: 'usdollar' }, 'purchase.currency'],
	])('names the bad parameter: %p', (input, field) => {
		const result = toPurchaseDetails(input);
		expect(result).toBeInstanceOf(Invalid);
		expect((result as Invalid).field).toBe(field);
	});

	it('merges over details without changing them', () => {
		const details = {
			source: 'shop',
			unique: { scope: 'web' },
			cart: { abandoned_checkout_url: 'u' },
			value: 1,
		};
		const copy = structuredClone(details);
		const purchase = {
			unique: { key: 'o-1' },
			value: { amount: 5, currency: 'EUR' },
			cart: { items: [] },
		};
		expect(mergeDetails(details, purchase)).toEqual({
			source: 'shop',
			unique: { scope: 'web', key: 'o-1' },
			cart: { abandoned_checkout_url: 'u', items: [] },
			value: { amount: 5, currency: 'EUR' },
		});
		expect(details).toEqual(copy);
		expect(mergeDetails(undefined, { value: { amount: 5, currency: 'EUR' } })).toEqual({
			value: { amount: 5, currency: 'EUR' },
		});
	});
});

describe('Order ID', () => {
	it('is cleaned like every identifier: an invisible character pasted at its end is removed', () => {
		const details = toPurchaseDetails({
			orderId: '1042\u200b',
			amount: '8000',
			amountUnit: 'minor',
			currency: 'USD',
		});
		expect(details).toMatchObject({ unique: { key: '1042' } });
	});
});
