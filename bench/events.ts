import type { IDataObject } from 'n8n-workflow';

/**
 * N realistic events: a type, an email, 3 to 5 profile fields and a few hundred bytes of nested
 * details. Self-contained (no outer names): the real-n8n benchmark pastes its source into a Code
 * node, so that n8n and the floor send the same events.
 */
export function makeEvents(n: number): IDataObject[] {
	const PLANS = ['free', 'starter', 'pro', 'enterprise'];
	const CITIES = ['Oslo', 'Lisbon', 'Austin', 'Kyoto', 'Nairobi', 'Lima'];
	const events: IDataObject[] = new Array(n);
	for (let i = 0; i < n; i++) {
		const fields: IDataObject = {
			first_name: `First${i}`,
			last_name: `Last${i}`,
			plan: PLANS[i % 4],
		};
		if (i % 2 === 0) fields.city = CITIES[i % 6];
		if (i % 3 === 0) fields.lifetime_orders = i % 17;
		events[i] = {
			type: i % 5 === 0 ? '$purchase' : 'order_shipped',
			email: `customer.${i}@example.com`,
			fields,
			details: {
				unique: { key: `order-${i}` },
				value: { currency: 'USD', amount: 1000 + (i % 9000) },
				cart: {
					items: [
						{
							product_sku: `SKU-${i % 97}`,
							product_name: 'Ceramic mug, speckled glaze',
							quantity: 1 + (i % 3),
						},
						{ product_sku: `SKU-${(i + 13) % 97}`, product_name: 'Linen tea towel', quantity: 1 },
					],
					abandoned_checkout_url: `https://shop.example.com/checkout/${i}`,
				},
				source: { channel: 'web', campaign: 'autumn-sale' },
			},
		};
	}
	return events;
}

/**
 * N `$purchase` events as a shop exports them: an email, 3 to 4 profile fields, details with the
 * order's key, its value in cents and a cart of 1 to 3 items, and the order's date as
 * `Date.toISOString()` writes it. Self-contained, as makeEvents.
 */
export function makePurchases(n: number): IDataObject[] {
	const PLANS = ['free', 'starter', 'pro', 'enterprise'];
	const PRODUCTS: Array<[string, string, number]> = [
		['MUG', 'Ceramic mug, speckled glaze', 1800],
		['TOWEL', 'Linen tea towel', 1200],
		['POT', 'Stoneware teapot', 4500],
		['BOWL', 'Small serving bowl', 900],
	];
	const first = Date.UTC(2026, 0, 5, 10);
	const events: IDataObject[] = new Array(n);
	for (let i = 0; i < n; i++) {
		const items: IDataObject[] = [];
		let amount = 0;
		for (let k = 0; k <= i % 3; k++) {
			const [sku, name, price] = PRODUCTS[(i + k) % 4];
			const quantity = 1 + ((i + k) % 2);
			amount += price * quantity;
			items.push({
				product_sku: `${sku}-${(i + k) % 97}`,
				product_name: name,
				product_price: price,
				quantity,
			});
		}
		const fields: IDataObject = {
			first_name: `First${i}`,
			last_name: `Last${i}`,
			plan: PLANS[i % 4],
		};
		if (i % 2 === 0) fields.lifetime_orders = 1 + (i % 17);
		events[i] = {
			type: '$purchase',
			email: `customer.${i}@example.com`,
			fields,
			details: {
				unique: { key: `order-${i}` },
				value: { currency: 'USD', amount },
				cart: { items, abandoned_checkout_url: `https://shop.example.com/checkout/${i}` },
			},
			date: new Date(first + i * 60_000).toISOString(),
		};
	}
	return events;
}
