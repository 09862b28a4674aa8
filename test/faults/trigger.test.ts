import { BODY_TEMPLATE } from '../../nodes/BentoTrigger/template';
import { renderLiquid, SAMPLE } from '../../sandbox/sendWebhook';
import { callTrigger, formTrigger, WEBHOOK_SECRET } from '../helpers/runTrigger';
import { SANDBOX_KEYS, useSandbox } from '../helpers/sandbox';

// The sandbox's two Bento sides of the triggers: the Send webhook body it renders (what
// `npm run sandbox -- send-webhook` posts) and the form responses it serves, paged.

const sandbox = useSandbox();

async function addResponse(formId: string, email: string) {
	const res = await fetch(`${sandbox().origin}/__sandbox/form-responses`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify({ formId, data: { email } }),
	});
	expect(res.status).toBe(200);
}

describe('the sandbox plays Bento for the triggers', () => {
	it("the body it renders from the panel's template becomes the clean item", async () => {
		const body = JSON.parse(renderLiquid(BODY_TEMPLATE, SAMPLE)) as object;
		const { result } = await callTrigger({
			headers: { 'x-bento-secret': WEBHOOK_SECRET },
			body,
		});
		const json = { ...result.workflowData![0][0].json };
		delete json.received_at;
		expect(json).toEqual({
			email: 'ann@example.com',
			uuid: 'visitor-uuid-0001',
			first_name: 'Ann',
			tags: ['customer', 'vip'],
			fields: { company: 'Acme' },
			event: {
				type: '$purchase',
				details: { unique: { key: 'order-1001' }, value: { currency: 'USD', amount: 4200 } },
			},
			workflow: 'Purchase follow-up',
		});
	});

	it('an empty person renders valid JSON that maps to almost nothing', async () => {
		const body = JSON.parse(renderLiquid(BODY_TEMPLATE, {})) as object;
		const { result } = await callTrigger({ headers: { 'x-bento-secret': WEBHOOK_SECRET }, body });
		expect(Object.keys(result.workflowData![0][0].json).sort()).toEqual(['received_at', 'tags']);
	});

	it('form responses over real HTTP: paged reads, each new response once', async () => {
		for (let i = 1; i <= 12; i++) await addResponse('signup', `p${i}@example.com`);
		const trigger = formTrigger(
			{ formId: 'signup' },
			{ ...SANDBOX_KEYS, baseUrl: sandbox().baseUrl },
		);
		expect(await trigger.poll()).toBeNull();
		await addResponse('signup', 'p13@example.com');
		await addResponse('signup', 'p14@example.com');
		const second = await trigger.poll();
		expect(second?.[0].map((item) => item.json.data)).toEqual([
			{ email: 'p13@example.com' },
			{ email: 'p14@example.com' },
		]);
		expect(await trigger.poll()).toBeNull();
		// 14 responses at 10 a page: pages 1 and 2, then an empty page 3, on each poll.
		const reads = sandbox().state.requests.filter((r) => r.path.endsWith('/fetch/responses'));
		expect(reads).toHaveLength(9);
	});
});
