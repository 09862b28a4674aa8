// Shared cases for the library resources (stats, sequences, workflows, email templates,
// segments, forms, utilities); requests are recorded by mockEndpoint.
import type { IDataObject } from 'n8n-workflow';

import { useFakeClock } from './fakeClock';
import { SECRETS } from './mockBento';
import { mockEndpoint, type Recorded, type Reply } from './mockEndpoint';
import { everythingEmitted, runBentoNode, TEST_CREDENTIALS } from './runNode';

/** The query Bento must receive: the given parameters and site_uuid exactly once. */
export function expectQuery(request: Recorded, params: Record<string, string> = {}) {
	expect(request.query).toEqual({ ...params, site_uuid: TEST_CREDENTIALS.siteUuid });
	expect(request.rawQuery.split('&').filter((p) => p.startsWith('site_uuid='))).toHaveLength(1);
}

/** A page of JSON:API entries `{id, type, attributes}` with ids `${prefix}${from..to}`. */
export function entries(prefix: string, from: number, to: number, type = 'entries') {
	return Array.from({ length: Math.max(0, to - from + 1) }, (_, k) => ({
		id: `${prefix}${from + k}`,
		type,
		attributes: { name: `${prefix} ${from + k}` },
	}));
}

export interface ErrorCaseSpec {
	parameters: Record<string, unknown>;
	method: string;
	path: string | RegExp;
	ok: Reply;
	/** Items that each cause their own request (distinct inputs). */
	items?: IDataObject[];
	/** Whether items share one request (site stats): then one failure fails them all. */
	shared?: boolean;
	/** A write that must not happen twice: a 5xx (maybe delivered) is reported, not resent. */
	writes?: boolean;
	/** Bento's limit the endpoint counts against: per minute (default) or per hour (/stats). */
	rateLimit?: 'minute' | 'hour';
}

/** The error classes every operation must handle alike: registered as jest cases. */
export function describeErrorClasses(name: string, spec: ErrorCaseSpec) {
	const parameters = { ...spec.parameters, options: { retryDelay: 0, maxRetries: 2 } };
	const items = spec.items ?? [{ n: 0 }, { n: 1 }];

	describe(`${name}: error classes`, () => {
		const clock = useFakeClock();
		it.each([400, 401, 422])(
			'%i is not retried, names the item and leaks no secret',
			async (status) => {
				const { requests } = mockEndpoint(spec.method, spec.path, [
					[status, { error: `Scripted ${status}` }],
				]);
				const result = await runBentoNode({ parameters, items: items.slice(0, 1) });
				expect(requests).toHaveLength(1);
				expect(result.error?.message).toBe(
					`Item 0 failed: Bento answered ${status}: Scripted ${status}`,
				);
				const emitted = everythingEmitted(result);
				for (const secret of SECRETS) expect(emitted).not.toContain(secret);
			},
		);

		if (spec.writes) {
			it('a 5xx is not resent: the write may have happened', async () => {
				const { requests } = mockEndpoint(spec.method, spec.path, [[503], spec.ok]);
				const { error } = await runBentoNode({ parameters, items: items.slice(0, 1) });
				expect(requests).toHaveLength(1);
				expect(error?.message).toBe(
					'Item 0 failed: Bento answered 503 Service Unavailable (not retried: it may have been delivered)',
				);
			});
		}

		if (!spec.writes)
			it('a 5xx is retried, then the answer is used', async () => {
				const { requests } = mockEndpoint(spec.method, spec.path, [[503], spec.ok]);
				const { outputs, error } = await runBentoNode({ parameters, items: items.slice(0, 1) });
				expect(error).toBeUndefined();
				expect(requests).toHaveLength(2);
				expect(outputs[0].length).toBeGreaterThan(0);
			});

		if (spec.rateLimit === 'hour') {
			it('a 429 whose hourly window resets beyond the wait cap fails at once, naming the limit and when', async () => {
				const { requests } = mockEndpoint(spec.method, spec.path, [
					[429, { error: 'Too many' }, { Date: 'Mon, 30 Nov 2026 14:10:00 GMT' }],
				]);
				const { error } = await runBentoNode({ parameters, items: items.slice(0, 1) });
				expect(requests).toHaveLength(1);
				expect(clock.waits).toEqual([]);
				expect(error?.message).toMatch(
					/^Item 0 failed: Bento answered 429: Too many \(Bento allows about 60 requests an hour to \/stats \(some pages say 30\)\. Try again after \d\d:\d\d:\d\d UTC\.\)$/,
				);
				expect(String(error?.description)).toMatch(/60 requests per hour to \/stats/);
			});
			it('a 429 with Retry-After is retried after it', async () => {
				const { requests } = mockEndpoint(spec.method, spec.path, [
					[429, { error: 'Too many' }, { 'Retry-After': '3' }],
					spec.ok,
				]);
				const { error } = await runBentoNode({ parameters, items: items.slice(0, 1) });
				expect(error).toBeUndefined();
				expect(requests).toHaveLength(2);
				expect(clock.waits).toEqual([3000]);
			});
		} else {
			it('a 429 waits for the window to reset (not a retry: Max Retries 0), then goes on', async () => {
				const { requests } = mockEndpoint(spec.method, spec.path, [
					[429, { error: 'Too many' }, { Date: 'Mon, 30 Nov 2026 14:10:45 GMT' }],
					spec.ok,
				]);
				const { error } = await runBentoNode({
					parameters: { ...parameters, options: { retryDelay: 0, maxRetries: 0 } },
					items: items.slice(0, 1),
				});
				expect(error).toBeUndefined();
				expect(requests).toHaveLength(2);
				// The server's minute resets 15 s after its Date; a little slack on top.
				expect(clock.waits).toHaveLength(1);
				expect(clock.waits[0]).toBeGreaterThanOrEqual(15_000);
				expect(clock.waits[0]).toBeLessThan(16_000);
			});
		}

		it('Continue On Fail: the failed item goes to the error output, the next one still runs', async () => {
			const { requests } = mockEndpoint(spec.method, spec.path, [
				[400, { error: 'Nope' }],
				spec.ok,
			]);
			const { outputs, error } = await runBentoNode({
				parameters,
				items,
				onError: 'continueErrorOutput',
			});
			expect(error).toBeUndefined();
			const failed = outputs[1] ?? [];
			if (spec.shared) {
				expect(requests).toHaveLength(1);
				expect(failed.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
				// One shared failure, each item named once: not "Item 1 failed: Item 0 failed: ...".
				expect(failed.map((item) => item.json.error)).toEqual([
					'Item 0 failed: Bento answered 400: Nope',
					'Item 1 failed: Bento answered 400: Nope',
				]);
				return;
			}
			expect(requests).toHaveLength(2);
			expect(failed).toHaveLength(1);
			expect(failed[0].json.error).toBe('Item 0 failed: Bento answered 400: Nope');
			expect(failed[0].pairedItem).toEqual({ item: 0 });
			expect(outputs[0].length).toBeGreaterThan(0);
			expect(outputs[0].every((item) => (item.pairedItem as { item: number }).item === 1)).toBe(
				true,
			);
		});
	});
}

/** Bento's answer to `GET /fetch/emails/templates/:id`: template 1001, `attributes` over its defaults. */
export const templateAnswer = (attributes: Record<string, unknown> = {}) => ({
	data: {
		id: '1001',
		type: 'email_templates',
		attributes: {
			name: 'Welcome',
			subject: 'Hi',
			html: '<p>Hi</p>',
			created_at: '2024-01-01',
			stats: null,
			...attributes,
		},
	},
});
