// What an e2e suite prints when an execution did not end as expected (e2e/lib/failures.js):
// n8n's saved error, not only a status.
import {
	assertStatuses,
	assertSucceeded,
	describeExecution,
	type SavedExecution as Saved,
} from '../../e2e/lib/failures';

const failed: Saved = {
	id: '41',
	status: 'error',
	mode: 'webhook',
	data: {
		resultData: {
			lastNodeExecuted: 'Bento',
			error: {
				name: 'NodeApiError',
				message: 'Bento answered 401: Invalid authentication credentials',
				description: 'Check the Secret Key',
				httpCode: '401',
				node: { name: 'Bento' },
				stack: 'NodeApiError: Bento answered 401\n    at send (transport/sender.ts:10:5)',
			},
			runData: {
				Webhook: [{ data: {} }],
				Generate: [{ error: { message: 'items[3] is not an object' } }],
			},
		},
	},
};

describe('describeExecution', () => {
	test('names the status, each error with its node, description, HTTP code and stack', () => {
		const text = describeExecution(failed);
		expect(text).toContain('execution 41 (webhook) ended error');
		expect(text).toContain(
			'node "Bento": NodeApiError: Bento answered 401: Invalid authentication credentials',
		);
		expect(text).toContain('description: Check the Secret Key');
		expect(text).toContain('HTTP code: 401');
		expect(text).toContain('at send (transport/sender.ts:10:5)');
		expect(text).toContain('node "Generate": Error: items[3] is not an object');
	});

	test('says when n8n saved no error, and when there is no execution at all', () => {
		expect(describeExecution({ id: '7', status: 'crashed' })).toBe(
			'execution 7 ended crashed; n8n saved no error and no run data (last node: none)',
		);
		expect(describeExecution(undefined)).toMatch(/no saved execution/);
	});
});

describe('assertSucceeded', () => {
	test('passes a successful run through', () => {
		const run = { ok: true, execution: { id: '1', status: 'success' } };
		expect(assertSucceeded(run)).toBe(run);
	});

	test("a failed run fails with n8n's error and the end of its log", () => {
		expect(() =>
			assertSucceeded({ ok: false, execution: failed, log: 'n8n: Execution 41 failed' }),
		).toThrow(/Bento answered 401[\s\S]*n8n: Execution 41 failed/);
	});
});

describe('assertStatuses', () => {
	const n8n = {
		savedExecution: jest.fn(async (id: string) => {
			if (id === '41') return failed;
			throw new Error('GET /rest/executions/42 answered 404');
		}),
	};

	test('all as expected: nothing read, nothing thrown', async () => {
		await assertStatuses(n8n, [{ id: '40', status: 'success' }]);
		expect(n8n.savedExecution).not.toHaveBeenCalled();
	});

	test('one not as expected: the statuses, its saved error and its log lines', async () => {
		const check = assertStatuses(
			n8n,
			[
				{ id: '40', status: 'success' },
				{ id: '41', status: 'error' },
				{ id: '42', status: 'crashed' },
			],
			'success',
			{ what: 'the load executions', logsOf: (id) => [`worker1: Worker started execution ${id}`] },
		);
		await expect(check).rejects.toThrow(
			/the load executions: 2 of 3 did not end success \(statuses: 40 success, 41 error, 42 crashed\)/,
		);
		await expect(check).rejects.toThrow(/node "Bento": NodeApiError: Bento answered 401/);
		await expect(check).rejects.toThrow(/log: worker1: Worker started execution 41/);
		await expect(check).rejects.toThrow(
			/execution 42 ended crashed; its saved execution could not be read: GET/,
		);
		expect(n8n.savedExecution.mock.calls.map(([id]) => id)).toEqual(['41', '42']);
	});
});
