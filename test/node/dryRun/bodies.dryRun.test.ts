// A dry run shows what a real run sends, byte for byte: the bodies rebuilt from a dry run's
// output ({"<bodyKey>": [the records of batch n, in order]}) are the bodies a real run of the
// same items sends, request for request, for 10,000 events (some large enough that the 1 MB
// bound cuts batches), 1,000 emails and 100 scheduled broadcasts.
import nock from 'nock';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { BENTO_ORIGIN } from '../../helpers/mockBento';
import { runBentoNode } from '../../helpers/runNode';

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

/** Raw bodies of every POST to `path`, answered with `answer(parsed body)`. */
function recordBodies(path: string, answer: (body: IDataObject) => IDataObject) {
	const bodies: string[] = [];
	const scope = nock(BENTO_ORIGIN)
		.post(`/api/v1${path}`)
		.query(true)
		.times(Number.MAX_SAFE_INTEGER)
		.reply(200, (_uri, body) => answer(body as IDataObject));
	scope.on('request', (_req: unknown, _interceptor: unknown, body: string) => bodies.push(body));
	return bodies;
}

/** The bodies a dry run's output says would go: records grouped by batch number, in order. */
function bodiesOf(items: INodeExecutionData[], bodyKey: string, recordKey: string): string[] {
	const batches: unknown[][] = [];
	for (const { json } of items) {
		expect(json.dryRun).toBe(true);
		const { number } = json.batch as { number: number };
		(batches[number - 1] ??= []).push(json[recordKey]);
	}
	return batches.map((records) => JSON.stringify({ [bodyKey]: records }));
}

async function compare(
	run: {
		parameters: Record<string, unknown>;
		items: IDataObject[];
		timezone?: string;
		typeVersion?: number;
	},
	where: { path: string; bodyKey: string; recordKey: string },
	answer: (body: IDataObject) => IDataObject,
) {
	const options = (run.parameters.options ?? {}) as IDataObject;
	const dry = await runBentoNode({
		...run,
		parameters: { ...run.parameters, options: { ...options, dryRun: true } },
	});
	expect(dry.error).toBeUndefined();
	const bodies = recordBodies(where.path, answer);
	const real = await runBentoNode(run);
	expect(real.error).toBeUndefined();
	const previewed = bodiesOf(dry.outputs[0], where.bodyKey, where.recordKey);
	expect(previewed.length).toBe(bodies.length);
	// Byte for byte, request for request.
	previewed.forEach((body, k) =>
		expect(Buffer.from(body).equals(Buffer.from(bodies[k]))).toBe(true),
	);
	return bodies;
}

const count = (key: string) => (body: IDataObject) => ({
	results: (body[key] as unknown[]).length,
});

describe('Dry Run previews exactly what a real run sends', () => {
	it('10,000 events, every 300th with 400 kB of details (the 1 MB bound re-cuts)', async () => {
		const items = Array.from({ length: 10_000 }, (_, i) => ({
			type: i % 3 ? '$view' : '$purchase-like',
			email: `user${i}@example.com`,
			date: '2030-01-08 09:00',
			details: { n: i, note: i % 300 === 0 ? 'ü€'.repeat(80_000) : `plain ${i}` },
		}));
		const bodies = await compare(
			{
				parameters: { resource: 'event', operation: 'create', mappingMode: 'autoMapInputData' },
				items,
				timezone: 'America/New_York',
				typeVersion: 1.1,
			},
			{ path: '/batch/events', bodyKey: 'events', recordKey: 'event' },
			count('events'),
		);
		expect(bodies.length).toBeGreaterThan(10);
		// (Not toContain: a failure would print 10 MB.)
		expect(bodies[0].includes('"date":"2030-01-08T09:00:00.000-05:00"')).toBe(true);
	});

	it('1,000 emails', async () => {
		const items = Array.from({ length: 1000 }, (_, i) => ({
			to: `buyer${i}@example.com`,
			from: 'orders@shop.example',
			subject: `Receipt ${i} — “thanks”`,
			html_body: `<p>Order ${i}</p>`,
			personalizations: { order: String(i) },
		}));
		const bodies = await compare(
			{
				parameters: {
					resource: 'email',
					operation: 'send',
					mappingMode: 'autoMapInputData',
					// The real run at full speed (its default paces one batch a minute).
					options: { requestsPerMinute: 0 },
				},
				items,
			},
			{ path: '/batch/emails', bodyKey: 'emails', recordKey: 'email' },
			count('emails'),
		);
		expect(bodies).toHaveLength(17);
	});

	it('100 scheduled broadcasts in batches of 30', async () => {
		const items = Array.from({ length: 100 }, (_, i) => ({ title: `Issue ${i}` }));
		const bodies = await compare(
			{
				parameters: {
					resource: 'broadcast',
					operation: 'create',
					delivery: 'schedule',
					sendAt: '2030-07-09 09:00',
					name: '={{ $json.title }}',
					subject: '={{ $json.title }}',
					content: '<p>{{ visitor.first_name }}</p>',
					type: 'plain',
					fromEmail: 'news@shop.example',
					batchSizePerHour: 1000,
					options: { batchSize: 30 },
				},
				items,
				timezone: 'America/New_York',
			},
			{ path: '/batch/broadcasts', bodyKey: 'broadcasts', recordKey: 'broadcast' },
			count('broadcasts'),
		);
		expect(bodies).toHaveLength(4);
		expect(bodies[3].includes('"approved":true,"send_at":"2030-07-09T13:00:00Z"')).toBe(true);
	});
});
