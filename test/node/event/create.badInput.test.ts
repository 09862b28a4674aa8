import nock from 'nock';

import { mockBatchEvents } from '../../helpers/mockBento';
import { runBentoNode } from '../../helpers/runNode';
import { autoMap, defineBelow } from '../../helpers/eventParameters';

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

describe('Create Events: bad input', () => {
	const items = [
		{ type: 'ok', email: 'a@example.com' },
		{ type: 'ok', email: 'not-an-email' },
		{ type: 'ok', email: 'c@example.com', fields: { address: { city: 'Oslo' } } },
		{ type: 'ok', email: 'd@example.com', extra: 1 },
		{ type: 'ok', email: 'e@example.com' },
	];

	it('fails before sending anything, naming the item and the field', async () => {
		const { requests } = mockBatchEvents();
		const { error, outputs } = await runBentoNode({ parameters: autoMap(), items });
		expect(requests).toHaveLength(0);
		expect(outputs).toEqual([]);
		expect(error?.name).toBe('NodeOperationError');
		expect(error?.message).toBe('Item 1: email "not-an-email" is not a valid address');
		expect(error?.description).toContain('"email"');
	});

	it('with Continue On Fail, pairs an error item to each invalid input and still sends the rest', async () => {
		const { requests } = mockBatchEvents();
		const { outputs, error } = await runBentoNode({
			parameters: autoMap(),
			items,
			onError: 'continueRegularOutput',
		});
		expect(error).toBeUndefined();
		expect(requests.map((r) => r.body.events.map((e) => e.email))).toEqual([
			['a@example.com', 'e@example.com'],
		]);
		const main = outputs[0];
		expect(main.map((item) => item.pairedItem)).toEqual([0, 1, 2, 3, 4].map((item) => ({ item })));
		expect(
			main.map((item) => (item.json.error as string | undefined)?.split(':')[0] ?? 'sent'),
		).toEqual(['sent', 'Item 1', 'Item 2', 'Item 3', 'sent']);
		expect(main[2].json).toEqual({
			error:
				'Item 2: fields.address is an object; profile fields must be flat text, number or boolean values',
		});
	});

	it('with the error output, routes invalid items there and valid ones to the main output', async () => {
		mockBatchEvents();
		const { outputs } = await runBentoNode({
			parameters: autoMap(),
			items,
			onError: 'continueErrorOutput',
		});
		const [main, errors] = outputs;
		expect(main.map((item) => (item.json.event as { email: string }).email)).toEqual([
			'a@example.com',
			'e@example.com',
		]);
		expect(main.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 4 }]);
		expect(errors.map((item) => item.pairedItem)).toEqual([{ item: 1 }, { item: 2 }, { item: 3 }]);
		// n8n merges the input item into the error item: a retry branch gets the original data.
		expect(errors[2].json).toEqual({
			...items[3],
			error: expect.stringContaining('Item 3: unknown key "extra"'),
		});
	});

	it('makes an expression that fails for one item an error of that item only', async () => {
		const { requests } = mockBatchEvents();
		const { outputs } = await runBentoNode({
			parameters: defineBelow({ email: '={{ $json.mail.toLowerCase() }}' }),
			items: [{ kind: 'x', mail: 'A@EXAMPLE.COM' }, { kind: 'x' }],
			onError: 'continueRegularOutput',
		});
		expect(requests[0].body.events.map((e) => e.email)).toEqual(['a@example.com']);
		expect(outputs[0][1].json.error).toMatch(/^Item 1: /);
		expect(outputs[0][1].pairedItem).toEqual({ item: 1 });
	});

	it('names the parameter whose expression failed', async () => {
		mockBatchEvents();
		const { error } = await runBentoNode({
			parameters: defineBelow({ email: '={{ $("No Such Node").item.json.email }}' }),
			items: [{ kind: 'x' }],
		});
		expect(error?.message).toBe("Item 0: email: Referenced node doesn't exist");
		expect(error?.description).toBe('Fix "email" for this item. No event has been sent.');
	});

	it('names a parameter in Define Below mode', async () => {
		const { error } = await runBentoNode({
			parameters: defineBelow({ fields: '={{ "{not json" }}' }),
			items: [{ kind: 'x', mail: 'a@example.com' }],
		});
		expect(error?.message).toBe('Item 0: fields is not valid JSON');
	});
});
