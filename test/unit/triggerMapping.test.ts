import {
	convertField,
	describeCall,
	parseTags,
	toTriggerItem,
} from '../../nodes/BentoTrigger/mapping';

const AT = new Date('2026-12-01T10:00:00.000Z');

// A body as Bento renders BODY_TEMPLATE: every quoted Liquid variable is text.
const RENDERED = {
	email: 'ann@example.com',
	uuid: 'v-123',
	first_name: 'Ann',
	last_name: '',
	tags: 'customer, vip,,newsletter ',
	fields: { company: 'Acme', orders_count: '42', is_pro: 'TRUE', score: 'n/a', plan: '' },
	event: { type: '$purchase', details: { value: { amount: 4200, currency: 'USD' } } },
	workflow: 'Purchase follow-up',
};

describe('toTriggerItem', () => {
	it('turns a rendered body into the clean item', () => {
		const item = toTriggerItem(
			RENDERED,
			{ orders_count: 'number', is_pro: 'boolean', score: 'number' },
			AT,
		);
		expect(item).toEqual({
			email: 'ann@example.com',
			uuid: 'v-123',
			first_name: 'Ann',
			tags: ['customer', 'vip', 'newsletter'],
			// score stays text: "n/a" is no number, and is not lost
			fields: { company: 'Acme', orders_count: 42, is_pro: true, score: 'n/a' },
			event: { type: '$purchase', details: { value: { amount: 4200, currency: 'USD' } } },
			workflow: 'Purchase follow-up',
			received_at: '2026-12-01T10:00:00.000Z',
		});
	});

	it('leaves empty Liquid values out; a person without tags gets an empty list', () => {
		const item = toTriggerItem(
			{
				email: 'bob@example.com',
				uuid: ' ',
				first_name: '',
				tags: '',
				fields: { company: '' },
				event: { type: '', details: null },
				workflow: '',
			},
			{},
			AT,
		);
		expect(item).toEqual({ email: 'bob@example.com', tags: [], received_at: AT.toISOString() });
	});

	it('keeps keys the template does not know, and does not let them overwrite its own', () => {
		const item = toTriggerItem(
			{
				email: 'a@example.com',
				order_id: 'A-1',
				note: '',
				received_at: 'spoofed',
				nested: { x: 1 },
			},
			{},
			AT,
		);
		expect(item).toEqual({
			email: 'a@example.com',
			order_id: 'A-1',
			nested: { x: 1 },
			received_at: AT.toISOString(),
		});
		expect('tags' in item).toBe(false);
	});

	it('reads event details that were quoted by mistake as JSON text', () => {
		const item = toTriggerItem({ event: { type: 'signed_up', details: '{"plan":"pro"}' } }, {}, AT);
		expect(item.event).toEqual({ type: 'signed_up', details: { plan: 'pro' } });
		const text = toTriggerItem({ event: { details: 'plain words' } }, {}, AT);
		expect(text.event).toEqual({ details: 'plain words' });
	});
});

describe('parseTags', () => {
	it.each([
		['a,b', ['a', 'b']],
		[' a , , b ', ['a', 'b']],
		['', []],
		[
			['x', ' y ', ''],
			['x', 'y'],
		],
		[undefined, []],
		[42, []],
	])('%j -> %j', (input, expected) => expect(parseTags(input)).toEqual(expected));
});

describe('convertField', () => {
	it.each([
		['42', 'number', 42],
		['-1.5', 'number', -1.5],
		['4 2', 'number', '4 2'],
		['', 'number', ''],
		['false', 'boolean', false],
		['yes', 'boolean', 'yes'],
		['42', 'text', '42'],
		['42', undefined, '42'],
		[7, 'boolean', 7],
	] as const)('%j as %s -> %j', (value, type, expected) =>
		expect(convertField(value, type)).toEqual(expected),
	);
});

describe('describeCall', () => {
	it('reads the event type and workflow for the filters', () => {
		expect(describeCall(RENDERED)).toEqual({
			eventType: '$purchase',
			workflow: 'Purchase follow-up',
		});
		expect(describeCall({ event: 'x', workflow: ' ' })).toEqual({});
	});
});

describe('a field named __proto__', () => {
	it('is left out and does not change the fields object', () => {
		const body = JSON.parse(
			'{"email":"a@example.com","fields":{"__proto__":{"x":1},"plan":"pro"}}',
		);
		const item = toTriggerItem(body, {}, AT);
		expect(item.fields).toEqual({ plan: 'pro' });
		expect(Object.getPrototypeOf(item.fields)).toBe(Object.prototype);
	});
});

describe('a body that is not the template shape keeps what was sent (issue 24)', () => {
	it.each([
		[
			'a string event',
			{ event: 'bento.workflow.step_reached' },
			{ event: 'bento.workflow.step_reached' },
		],
		[
			'a string event beside a source event',
			{ event: 'step', source_event: { type: '$purchase' } },
			{ event: 'step', source_event: { type: '$purchase' } },
		],
		['a number event', { event: 7 }, { event: 7 }],
		['fields as text', { fields: 'plan=pro' }, { fields: 'plan=pro' }],
		['tags as an object', { tags: { vip: true } }, { tags: { vip: true } }],
		[
			'an event object: still cleaned',
			{ event: { type: 'x', details: '' } },
			{ event: { type: 'x' } },
		],
		['an empty string event: left out like any empty value', { event: '' }, {}],
	])('%s', (_what, body, expected) => {
		const item = { ...toTriggerItem(body, {}, AT) };
		delete item.received_at;
		expect(item).toEqual(expected);
	});
});

describe('addresses cleaned as the Bento node cleans them (cleanEnds)', () => {
	it.each([
		['a trailing zero width space', 'ann@example.com\u200b', 'ann@example.com'],
		[
			'a leading no-break space and a trailing line break',
			'\u00a0ann@example.com\n',
			'ann@example.com',
		],
		['a byte order mark', '\ufeffann@example.com', 'ann@example.com'],
		['case kept', 'Ann@Example.com', 'Ann@Example.com'],
		['only invisible characters: left out', '\u200b\u2060', undefined],
	])('%s', (_what, email, expected) => {
		const item = toTriggerItem({ email, uuid: ` v-1\u200b` }, {}, AT);
		expect(item.email).toBe(expected);
		expect(item.uuid).toBe('v-1');
	});

	it('names are kept as sent; tag names lose invisible ends', () => {
		const item = toTriggerItem(
			{ first_name: ' Ann ', last_name: 'Johnson "The Rock"', tags: 'vip\u200b, customer' },
			{},
			AT,
		);
		expect(item).toMatchObject({
			first_name: ' Ann ',
			last_name: 'Johnson "The Rock"',
			tags: ['vip', 'customer'],
		});
	});
});
