// The audience operations over real HTTP against the stand-in, which checks shapes and limits.
import { everythingEmitted } from '../helpers/runNode';
import { runAgainst, SANDBOX_KEYS, SANDBOX_SECRETS, useSandbox } from '../helpers/sandbox';

const sandbox = useSandbox();

interface StoredSubscriber {
	email: string;
	fields: Record<string, unknown>;
	tagIds: string[];
	unsubscribed_at: string | null;
}
const store = () =>
	(sandbox().state as unknown as { store: { subscribers: Map<string, StoredSubscriber> } }).store;

beforeEach(() => {
	const s = sandbox();
	s.state.requests.length = 0;
	s.setFaults([]);
});

async function raw(method: string, path: string, body?: unknown) {
	const s = sandbox();
	const auth = Buffer.from(`${SANDBOX_KEYS.publishableKey}:${SANDBOX_KEYS.secretKey}`).toString(
		'base64',
	);
	const res = await fetch(`${s.baseUrl}${path}?site_uuid=${SANDBOX_KEYS.siteUuid}`, {
		method,
		headers: {
			Authorization: `Basic ${auth}`,
			'User-Agent': 'audience-tests/1.0',
			'Content-Type': 'application/json',
		},
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

describe('the stand-in is as strict as Bento', () => {
	it('refuses oversized and malformed batches', async () => {
		const many = (n: number) => Array.from({ length: n }, (_, i) => ({ email: `x${i}@e.com` }));
		expect((await raw('POST', '/batch/subscribers', { subscribers: many(1001) })).status).toBe(400);
		expect(
			(await raw('POST', '/batch/subscribers', { subscribers: [{ email: 'a@e.com', x: {} }] }))
				.json,
		).toEqual({ errors: [{ field: 'subscribers[0].x', message: 'must be a flat value' }] });
		const commands = (n: number) =>
			Array.from({ length: n }, () => ({ command: 'subscribe', email: 'a@e.com' }));
		expect((await raw('POST', '/fetch/commands', { command: commands(101) })).status).toBe(400);
		expect((await raw('POST', '/fetch/commands', { command: commands(1)[0] })).status).toBe(400);
		expect(
			(
				await raw('POST', '/fetch/commands', {
					command: [{ command: 'add_tag', email: 'a@e.com' }],
				})
			).status,
		).toBe(400);
		expect((await raw('POST', '/fetch/tags', { tag: { name: '' } })).status).toBe(400);
		expect((await raw('POST', '/fetch/fields', { key: 'plan' })).status).toBe(400);
		expect((await raw('GET', '/fetch/subscribers')).status).toBe(400);
	});
});

describe('audience operations over real HTTP', () => {
	it('imports 2,500 subscribers in 3 requests through a 503, then commands, get and lists', async () => {
		const s = sandbox();
		s.setFaults([{ status: 503, headers: { 'Retry-After': '0' } }]);
		const people = Array.from({ length: 2500 }, (_, i) => ({
			email: `p${i}@example.com`,
			first_name: `P${i}`,
			tags: 'customer,imported',
			plan: i % 2 ? 'pro' : 'free',
		}));
		const imported = await runAgainst(s, {
			parameters: {
				resource: 'subscriber',
				operation: 'import',
				mappingMode: 'autoMapInputData',
				options: { retryDelay: 5 },
			},
			items: people,
		});
		expect(imported.error).toBeUndefined();
		expect(s.state.requests.map((r) => [r.status, r.events])).toEqual([
			[503, 0],
			[200, 1000],
			[200, 1000],
			[200, 500],
		]);
		expect(store().subscribers.size).toBe(2500);
		expect(store().subscribers.get('p7@example.com')?.fields).toEqual({
			first_name: 'P7',
			plan: 'pro',
		});

		const commands = await runAgainst(s, {
			parameters: {
				resource: 'subscriber',
				operation: 'runCommand',
				mappingMode: 'autoMapInputData',
			},
			items: [
				{ command: 'remove_tag', email: 'p1@example.com', query: 'imported' },
				{ command: 'add_field', email: 'p1@example.com', query: { key: 'seats', value: 4 } },
				{ command: 'unsubscribe', email: 'p2@example.com' },
				{ command: 'change_email', email: 'p3@example.com', query: 'p3-new@example.com' },
			],
		});
		expect(commands.error).toBeUndefined();
		const p1 = store().subscribers.get('p1@example.com');
		expect(p1?.tagIds).toEqual(['1']);
		expect(p1?.fields.seats).toBe(4);
		expect(store().subscribers.get('p2@example.com')?.unsubscribed_at).not.toBeNull();
		expect(store().subscribers.has('p3-new@example.com')).toBe(true);

		const got = await runAgainst(s, {
			parameters: {
				resource: 'subscriber',
				operation: 'get',
				by: 'email',
				email: '={{ $json.email }}',
			},
			items: [{ email: 'p1@example.com' }, { email: 'p3@example.com' }],
		});
		expect(got.outputs[0]).toHaveLength(1);
		expect(got.outputs[0][0].json).toMatchObject({
			email: 'p1@example.com',
			tags: ['1'],
			fields: { first_name: 'P1', plan: 'pro', seats: 4 },
		});

		const tags = await runAgainst(s, {
			parameters: { resource: 'tag', operation: 'getAll', returnAll: true },
			items: [{}],
		});
		expect(tags.outputs[0].map((i) => i.json.name)).toEqual(['customer', 'imported']);
		for (const secret of SANDBOX_SECRETS) expect(everythingEmitted(imported)).not.toContain(secret);
	});
});
