import { BODY_TEMPLATE } from '../../nodes/BentoTrigger/template';
import { callTrigger, WEBHOOK_SECRET } from '../helpers/runTrigger';

// What Bento sends from BODY_TEMPLATE for a purchase (Liquid renders quoted values as text).
const PURCHASE = {
	email: 'ann@example.com',
	uuid: 'v-123',
	first_name: 'Ann',
	last_name: '',
	tags: 'customer,vip',
	fields: { company: 'Acme', orders_count: '3' },
	event: { type: '$purchase', details: { unique: { key: 'order-1' } } },
	workflow: 'Purchase follow-up',
};
const SIGNED = { 'x-bento-secret': WEBHOOK_SECRET };

describe('Bento Trigger: webhook()', () => {
	it('a call with the secret starts one execution with the clean item', async () => {
		const { result, answered } = await callTrigger({
			headers: SIGNED,
			body: PURCHASE,
			parameters: { fieldTypes: { field: [{ key: 'orders_count', type: 'number' }] } },
		});
		// Issue 24: an accepted call is answered with a small JSON object (n8n's default was the
		// literal text "firstEntryJson").
		expect(answered).toEqual({ status: 200, body: { received: true } });
		expect(result.noWebhookResponse).toBe(true);
		expect(result.workflowData).toHaveLength(1);
		expect(result.workflowData![0]).toHaveLength(1);
		const { received_at: receivedAt, ...json } = result.workflowData![0][0].json;
		expect(json).toEqual({
			email: 'ann@example.com',
			uuid: 'v-123',
			first_name: 'Ann',
			tags: ['customer', 'vip'],
			fields: { company: 'Acme', orders_count: 3 },
			event: { type: '$purchase', details: { unique: { key: 'order-1' } } },
			workflow: 'Purchase follow-up',
		});
		expect(new Date(receivedAt as string).toISOString()).toBe(receivedAt);
	});

	it.each([
		['no secret header', {}],
		['a wrong secret', { 'x-bento-secret': `${WEBHOOK_SECRET}x` }],
		['the secret in another header', { authorization: WEBHOOK_SECRET }],
	])('%s: 401 and no execution', async (_name, headers) => {
		const { result, answered } = await callTrigger({ headers, body: PURCHASE });
		expect(answered).toEqual({
			status: 401,
			body: { message: 'Missing or wrong secret in the X-Bento-Secret header' },
		});
		expect(result).toEqual({ noWebhookResponse: true });
		expect(JSON.stringify(answered)).not.toContain(WEBHOOK_SECRET);
	});

	it('the header named in the credential is the one read', async () => {
		const credential = { headerName: 'X-Hook-Token', secret: WEBHOOK_SECRET };
		const wrong = await callTrigger({ headers: SIGNED, body: PURCHASE, credential });
		expect(wrong.answered?.status).toBe(401);
		const right = await callTrigger({
			headers: { 'x-hook-token': WEBHOOK_SECRET },
			body: PURCHASE,
			credential,
		});
		expect(right.result.workflowData).toHaveLength(1);
	});

	it('a credential without a secret refuses every call', async () => {
		const { answered } = await callTrigger({
			headers: { 'x-bento-secret': '' },
			body: PURCHASE,
			credential: { headerName: 'X-Bento-Secret', secret: '' },
		});
		expect(answered?.status).toBe(401);
	});

	it('Authentication None: a call without a secret starts the workflow', async () => {
		const { result } = await callTrigger({
			body: PURCHASE,
			parameters: { authentication: 'none' },
		});
		expect(result.workflowData![0][0].json.email).toBe('ann@example.com');
	});

	it.each([
		['a text body', { 'content-type': 'text/plain' }, 'hello'],
		['a form body', { 'content-type': 'application/x-www-form-urlencoded' }, { email: 'a@b.c' }],
		['a JSON list', {}, [PURCHASE]],
		['an empty body', {}, {}],
	])('%s: 400 with a clear message, no execution', async (_name, headers, body) => {
		const { result, answered } = await callTrigger({ headers: { ...SIGNED, ...headers }, body });
		expect(answered?.status).toBe(400);
		expect((answered?.body as { message: string }).message).toMatch(/^Expected a JSON object/);
		expect(result.workflowData).toBeUndefined();
	});

	it('a JSON content type with a charset is JSON', async () => {
		const { result } = await callTrigger({
			headers: { ...SIGNED, 'content-type': 'application/json; charset=utf-8' },
			body: PURCHASE,
		});
		expect(result.workflowData).toHaveLength(1);
	});

	it('the secret is checked before the body: a bad body without the secret gets 401', async () => {
		const { answered } = await callTrigger({
			headers: { 'content-type': 'text/plain' },
			body: 'x',
		});
		expect(answered?.status).toBe(401);
	});

	it('filters: other event types and workflows are answered 200 and start nothing', async () => {
		const parameters = { eventTypes: '$subscribe, signed_up' };
		const skipped = await callTrigger({ headers: SIGNED, body: PURCHASE, parameters });
		expect(skipped.answered).toBeUndefined();
		expect(skipped.result).toEqual({
			webhookResponse: { message: "Ignored by the trigger's filter" },
		});

		const kept = await callTrigger({
			headers: SIGNED,
			body: { ...PURCHASE, event: { type: 'signed_up', details: null } },
			parameters,
		});
		expect(kept.result.workflowData![0][0].json.event).toEqual({ type: 'signed_up' });

		const noEvent = await callTrigger({ headers: SIGNED, body: { email: 'a@b.c' }, parameters });
		expect(noEvent.result.workflowData).toBeUndefined();

		const byWorkflow = { workflows: 'Welcome' };
		const other = await callTrigger({ headers: SIGNED, body: PURCHASE, parameters: byWorkflow });
		expect(other.result.workflowData).toBeUndefined();
		const same = await callTrigger({
			headers: SIGNED,
			body: { ...PURCHASE, workflow: 'Welcome' },
			parameters: byWorkflow,
		});
		expect(same.result.workflowData).toHaveLength(1);
	});

	it('Output: Raw Body puts out the body exactly as sent', async () => {
		const { result } = await callTrigger({
			headers: SIGNED,
			body: PURCHASE,
			parameters: { output: 'raw' },
		});
		expect(result.workflowData).toEqual([[{ json: PURCHASE }]]);
	});

	it('the template Bento renders is the body the mapping reads', () => {
		// Render the template as Liquid would for a person with everything set: it must parse.
		// Every variable goes through `| json` (issue 24), so each renders as a JSON value.
		const rendered = BODY_TEMPLATE.replace(/\{\{ event\.details \| json \}\}/, '{"a":1}').replace(
			/\{\{[^}]+\| json \}\}/g,
			'"x"',
		);
		const body = JSON.parse(rendered) as Record<string, unknown>;
		expect(Object.keys(body)).toEqual([
			'email',
			'uuid',
			'first_name',
			'last_name',
			'tags',
			'fields',
			'event',
			'workflow',
		]);
	});
});
