import { Invalid } from '../../nodes/Bento/helpers/invalid';
import {
	approvedCheck,
	deliveryProperties,
	toSendAt,
} from '../../nodes/Bento/actions/broadcast/delivery';
import { Bento } from '../../nodes/Bento/Bento.node';

const NOW = Date.UTC(2026, 11, 6, 12, 0, 0);

describe('toSendAt', () => {
	it.each([
		['2026-12-07T09:00:00', 'America/New_York', '2026-12-07T14:00:00Z'],
		['2026-12-07 09:00', 'Europe/Berlin', '2026-12-07T08:00:00Z'],
		['2026-12-07T09:00:00Z', 'America/New_York', '2026-12-07T09:00:00Z'],
		['2026-12-07T09:00:00.999+01:00', 'UTC', '2026-12-07T08:00:00Z'],
		[Date.UTC(2027, 0, 1, 0, 0, 0), 'UTC', '2027-01-01T00:00:00Z'],
		[new Date(Date.UTC(2027, 0, 1, 0, 0, 30)), 'UTC', '2027-01-01T00:00:30Z'],
		// A time skipped by the spring change moves on with the clocks, as Create Events reads it.
		['2027-03-14T02:30:00', 'America/New_York', '2027-03-14T07:30:00Z'],
	])('%j in %s is %s', (value, zone, expected) => {
		expect(toSendAt(value, zone, NOW)).toBe(expected);
	});

	it.each([
		[
			'2026-12-06T06:59:59',
			'America/New_York',
			/^sendAt 2026-12-06T06:59:59\.000-05:00 \(2026-12-06T11:59:59Z\) is not in the future/,
		],
		['2026-12-06T12:00:00Z', 'UTC', /is not in the future: choose Delivery "Send" to send now$/],
		['', 'UTC', /^sendAt is required when Delivery is Schedule$/],
		['tomorrow', 'UTC', /^sendAt "tomorrow" is not an ISO 8601 date/],
		['31/12/2026 09:00', 'UTC', /^sendAt "31\/12\/2026 09:00"/],
		[1_700_000_000, 'UTC', /^sendAt 1700000000 looks like epoch seconds/],
		[{ at: 1 }, 'UTC', /^sendAt must be an ISO 8601 string/],
		[3e14, 'UTC', /^sendAt \+011476-.* is not a time Bento takes \(ISO 8601, years to 9999\)$/],
		['2026-12-07T09:00:00', 'Mars/Olympus', /^the workflow's time zone "Mars\/Olympus" is unknown/],
	])('refuses %j (%s), naming sendAt', (value, zone, message) => {
		const result = toSendAt(value, zone, NOW);
		expect(result).toBeInstanceOf(Invalid);
		expect((result as Invalid).field).toBe('sendAt');
		expect((result as Invalid).message).toMatch(message);
	});
});

describe('approvedCheck', () => {
	it('names approved broadcasts only, up to five', () => {
		expect(approvedCheck([{ name: 'Draft' }])).toBeUndefined();
		const names = ['A', 'B', 'C', 'D', 'E', 'F', 'G'].map((name) => ({ name, approved: true }));
		expect(approvedCheck([{ name: 'Draft' }, ...names])).toBe(
			`Check Bento's Broadcasts for "A", "B", "C", "D", "E" and 2 more before running this again: one that is listed is approved (scheduled or sending), and creating it again would email its recipients twice.`,
		);
	});
});

describe('Delivery as an AI tool', () => {
	const delivery = deliveryProperties.find((p) => p.name === 'delivery')!;

	it('is a plain options parameter, Save as Draft by default: the model cannot fill it', () => {
		// n8n builds a tool's input schema from the $fromAI() calls in its parameters only, and
		// its editor offers "let the model define this" for no options parameter.
		expect(delivery.type).toBe('options');
		expect(delivery.default).toBe('draft');
		// Expressions stay allowed: a builder may write $fromAI() here on purpose.
		expect(delivery.noDataExpression).toBeUndefined();
		expect((delivery.options ?? []).map((o) => 'value' in o && o.value)).toEqual([
			'draft',
			'send',
			'schedule',
		]);
	});

	it('a notice shown only when the node runs as a tool says the choice is the builder’s', () => {
		const notice = new Bento().description.properties.find((p) => p.name === 'toolDeliveryNotice');
		expect(notice?.displayOptions?.show).toEqual({
			'@tool': [true],
			resource: ['broadcast'],
			operation: ['create'],
		});
	});
});
