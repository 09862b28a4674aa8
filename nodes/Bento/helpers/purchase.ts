import type { IDataObject } from 'n8n-workflow';

import { type AmountUnit, toMinorUnits } from './amount';
import { checkCurrency } from './currency';
import { cleanEnds } from './identifiers';
import { type Checked, Invalid } from './invalid';
import { describe, isPlainObject } from './validation';

/** A purchase as the panel's Purchase parameters hold it, before validation. */
export interface PurchaseInput {
	orderId?: unknown;
	amount?: unknown;
	amountUnit?: unknown;
	currency?: unknown;
	/** Rows `{sku?, name?, quantity?}`. */
	cartItems?: unknown;
}

function cartItem(row: unknown, field: string): Checked<IDataObject> {
	const { sku, name, quantity } = (isPlainObject(row) ? row : {}) as IDataObject;
	const item: IDataObject = {};
	if (sku !== undefined && sku !== '') item.product_sku = String(sku);
	if (name !== undefined && name !== '') item.product_name = String(name);
	if (quantity !== undefined && quantity !== '') {
		const count = typeof quantity === 'string' ? Number(quantity.trim()) : quantity;
		if (typeof count !== 'number' || !Number.isInteger(count) || count < 0)
			return new Invalid(
				`${field}.quantity`,
				`${field}.quantity must be a whole number (got ${typeof quantity === 'string' ? `"${quantity}"` : describe(quantity)})`,
			);
		item.quantity = count;
	}
	return item;
}

/**
 * Bento's `$purchase` details from the Purchase parameters: `{unique: {key}, value: {amount,
 * currency}, cart?: {items: [{product_sku, product_name, quantity}]}}`, the amount in the
 * currency's minor unit (see `toMinorUnits`). `unique` is left out when there is no Order ID.
 * Invalid naming `purchase.<parameter>` for a bad amount, currency or cart item.
 */
export function toPurchaseDetails(input: PurchaseInput): Checked<IDataObject> {
	const currency = checkCurrency(input.currency, 'purchase.currency');
	if (currency instanceof Invalid) return currency;
	const unit: AmountUnit = input.amountUnit === 'major' ? 'major' : 'minor';
	const amount = toMinorUnits(input.amount, unit, currency, 'purchase.amount');
	if (amount instanceof Invalid) return amount;

	const details: IDataObject = {};
	const orderId = input.orderId;
	if (typeof orderId === 'number' || (typeof orderId === 'string' && cleanEnds(orderId) !== ''))
		details.unique = { key: cleanEnds(String(orderId)) };
	else if (orderId !== undefined && orderId !== null && orderId !== '')
		return new Invalid(
			'purchase.orderId',
			`purchase.orderId must be text or a number (got ${describe(orderId)})`,
		);
	details.value = { amount, currency: currency.code };

	const rows = Array.isArray(input.cartItems) ? input.cartItems : [];
	const items: IDataObject[] = [];
	for (let k = 0; k < rows.length; k++) {
		const item = cartItem(rows[k], `purchase.cartItems[${k}]`);
		if (item instanceof Invalid) return item;
		if (Object.keys(item).length > 0) items.push(item);
	}
	if (items.length > 0) details.cart = { items };
	return details;
}

/**
 * The event's details with the purchase's over them: `unique` and `cart` merged key by key (the
 * purchase's win; a cart's abandoned_checkout_url from the JSON stays), `value` replaced.
 * Returns a new object; `details` is not changed.
 */
export function mergeDetails(details: IDataObject | undefined, purchase: IDataObject): IDataObject {
	const merged: IDataObject = { ...details };
	for (const key of ['unique', 'cart'] as const) {
		if (purchase[key] === undefined) continue;
		const base = isPlainObject(merged[key]) ? merged[key] : {};
		merged[key] = { ...base, ...(purchase[key] as IDataObject) };
	}
	merged.value = purchase.value;
	return merged;
}
