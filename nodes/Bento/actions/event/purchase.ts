import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { Checked } from '../../helpers/invalid';
import { toPurchaseDetails } from '../../helpers/purchase';

/** Create Events' Purchase parameters: a `$purchase` without writing its details as JSON. */
export const purchaseProperty: INodeProperties = {
	displayName: 'Purchase',
	name: 'purchase',
	type: 'fixedCollection',
	placeholder: 'Add purchase',
	default: {},
	description:
		"The order's ID, amount and currency, counted in the subscriber's lifetime value (details.unique.key, details.value and details.cart, set over the Details below). Use with the event type $purchase.",
	options: [
		{
			displayName: 'Purchase',
			name: 'values',
			values: [
				{
					displayName: 'Amount',
					name: 'amount',
					type: 'string',
					default: '',
					required: true,
					placeholder: 'e.g. 80.00',
					hint: 'In the Amount Unit below: 8000 in cents, or 80.00 in dollars (the major unit)',
					description:
						'The total, in the unit chosen below. Digits and an optional decimal point (no thousands separators or currency signs).',
				},
				{
					displayName: 'Amount Unit',
					name: 'amountUnit',
					type: 'options',
					options: [
						{
							name: 'Smallest Unit (e.g. Cents)',
							value: 'minor',
							description: 'As Bento stores it: 8000 for 80.00 USD, 500 for 500 JPY',
						},
						{
							name: 'Major Unit (e.g. Dollars)',
							value: 'major',
							description:
								"80.00 for 80 USD: converted exactly with the currency's decimals (USD 2, JPY 0, KWD 3)",
						},
					],
					default: 'minor',
					description:
						"Whether the amount is in cents (or the currency's smallest unit) or in dollars (its major unit)",
				},
				{
					displayName: 'Cart Items',
					name: 'cartItems',
					type: 'fixedCollection',
					typeOptions: { multipleValues: true },
					default: {},
					placeholder: 'Add cart item',
					description:
						'Optional: the products bought, sent as details.cart.items. For a list from the input, use Details (JSON) with cart.items instead.',
					options: [
						{
							displayName: 'Item',
							name: 'items',
							values: [
								{
									displayName: 'SKU',
									name: 'sku',
									type: 'string',
									default: '',
									placeholder: 'e.g. TSHIRT-M',
								},
								{
									displayName: 'Name',
									name: 'name',
									type: 'string',
									default: '',
									placeholder: 'e.g. T-shirt',
								},
								{
									displayName: 'Quantity',
									name: 'quantity',
									type: 'number',
									typeOptions: { minValue: 0, numberPrecision: 0 },
									default: 1,
								},
							],
						},
					],
				},
				{
					displayName: 'Currency',
					name: 'currency',
					type: 'string',
					default: 'USD',
					required: true,
					placeholder: 'e.g. USD',
					description: 'ISO 4217 code of the currency, e.g. USD, EUR, GBP, JPY (any case)',
				},
				{
					displayName: 'Order ID',
					name: 'orderId',
					type: 'string',
					default: '',
					placeholder: 'e.g. 1042',
					description:
						"The order's own ID, sent as details.unique.key: Bento counts a purchase with the same key once, so a resend cannot count it twice. Needed unless the option Unique Key is set.",
				},
			],
		},
	],
	displayOptions: { show: { mappingMode: ['defineBelow'] } },
};

/** Item `i`'s purchase details (see `toPurchaseDetails`), or undefined when none was added. */
export function readPurchase(ctx: IExecuteFunctions, i: number): Checked<IDataObject> | undefined {
	const purchase = ctx.getNodeParameter('purchase.values', i, undefined) as IDataObject | undefined;
	if (!purchase) return undefined;
	const cart = purchase.cartItems as IDataObject | undefined;
	return toPurchaseDetails({ ...purchase, cartItems: cart?.items });
}
