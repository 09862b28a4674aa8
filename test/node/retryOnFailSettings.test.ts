import type { IDataObject } from 'n8n-workflow';
import nock from 'nock';

import {
	deliveries,
	expectNoSecrets,
	expectPairing,
	mockCase,
	RETRY,
	SETTINGS,
	type Settings,
	WRITE_CASES,
	type WriteCase,
} from '../helpers/rerunCases';
import type { Step } from '../helpers/mockSending';
import { type RunResult, runBentoNode } from '../helpers/runNode';

// n8n's Retry On Fail combined with the node's other settings, for every write engine: the
// result on both outputs equals a single run's, nothing Bento took (or may have taken) is sent
// again, every item is paired, and no secret is put out. Each case runs once without Retry On
// Fail (the single run) and once with it, against the same script of answers.

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

async function run(
	write: WriteCase,
	settings: Settings,
	items: IDataObject[],
	steps: Step[],
	retry: boolean,
) {
	nock.cleanAll();
	const { requests } = mockCase(write, steps);
	const result = await runBentoNode({
		parameters: write.parameters,
		items: items,
		...settings.options,
		...(retry ? RETRY : {}),
	});
	return { result, requests, ...deliveries(write, requests, steps) };
}

const maxOf = (counts: Map<string, number>) => Math.max(0, ...counts.values());
// What a run put out, without what differs between any two runs (n8n's timings).
const outputsOf = (result: RunResult) => ({
	outputs: result.outputs,
	error: result.error?.message,
});

describe.each(WRITE_CASES)('$name', (write) => {
	const three = [write.valid(0), write.valid(1), write.valid(2)];
	const scenarios: Array<[string, IDataObject[], Step[]]> = [
		['an invalid first item', [write.invalid, write.valid(1), write.valid(2)], []],
		['the first write may have been sent (connection dropped)', three, ['reset']],
		[
			'the second write may have been sent (Bento answered 500)',
			three,
			[write.ok, [500, { error: 'Boom' }]],
		],
	];

	describe.each(SETTINGS)('$label', (settings) => {
		it.each(scenarios)(
			'%s: both outputs as in a single run, nothing sent twice',
			async (_what, items, steps) => {
				const single = await run(write, settings, items, steps, false);
				const retried = await run(write, settings, items, steps, true);

				expect(outputsOf(retried.result)).toEqual(outputsOf(single.result));
				expect(retried.requests.map((r) => r.body)).toEqual(single.requests.map((r) => r.body));
				expect(maxOf(retried.sent)).toBeLessThanOrEqual(1);
				const inputs = settings.options.executeOnce ? 1 : items.length;
				// A run that stopped with an error puts out nothing (n8n keeps only the error).
				if (!retried.result.error) expectPairing(retried.result, inputs);
				expectNoSecrets(retried.result);
			},
		);

		it('Bento refuses the first write once (422): the next try delivers it, the others once', async () => {
			const steps: Step[] = [[422, { error: 'Not now' }]];
			const { result, accepted, requests } = await run(write, settings, three, steps, true);
			const inputs = settings.options.executeOnce ? 1 : 3;
			// Without Continue the 422 throws (a re-run); with it item 0 is an error item, first on
			// the node's output (also a re-run).
			expect(result.error).toBeUndefined();
			expect([...accepted.values()]).toEqual(Array(inputs).fill(1));
			expect(requests).toHaveLength(inputs + 1);
			expect(result.outputs[0]).toHaveLength(inputs);
			expect(result.outputs[1] ?? []).toEqual([]);
			expectPairing(result, inputs);
			expectNoSecrets(result);
		});
	});
});
