import { runAgainst, useSandbox } from '../helpers/sandbox';

const sandbox = useSandbox();

const createEvents = (options: Record<string, unknown>) => ({
	resource: 'event',
	operation: 'create',
	mappingMode: 'autoMapInputData',
	options,
});

const items = [{ type: '$signup', email: 'ann@example.com' }];

describe('number options set by an expression', () => {
	// The editor's minimum guards typing only: an expression can give text, and a wait bound of
	// NaN would let a request wait in line without end.
	it.each([
		['maxRateLimitWait', 'abc', 'Max Wait for Rate Limit (Minutes)'],
		['batchSize', 'ten', 'Batch Size'],
		['timeout', -5, 'Timeout'],
	])('refuses %s = %p before sending, naming the option', async (name, value, label) => {
		const s = sandbox();
		const result = await runAgainst(s, { parameters: createEvents({ [name]: value }), items });
		expect(result.error?.message).toContain(`Option "${label}`);
		expect(s.state.requests).toHaveLength(0);
	});

	it('reads a number given as text as that number', async () => {
		const s = sandbox();
		const result = await runAgainst(s, {
			parameters: createEvents({ maxRateLimitWait: '20', batchSize: '10' }),
			items,
		});
		expect(result.error).toBeUndefined();
		expect(s.state.events).toHaveLength(1);
	});
});
