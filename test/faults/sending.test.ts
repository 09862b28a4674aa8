// Emails against the stand-in over real HTTP: no fault it can inject makes an email go out twice,
// and nothing Bento certainly did not take is lost.
import { setTimeout } from '@n8n-nodes-bentonow/dev-host/runtime';

import { runAgainst, type Sandbox, useSandbox } from '../helpers/sandbox';
import { useFakeClock } from '../helpers/fakeClock';

// 429 waits last a rate-limit window: the transport's clock is faked, so they take no time.
useFakeClock();

const sandbox = useSandbox();

interface Email {
	to: string;
}
const emailsOf = (s: Sandbox) =>
	(s.state as unknown as { store: { emails: Email[] } }).store.emails;

const emails = (n: number) =>
	Array.from({ length: n }, (_, i) => ({
		to: `buyer${i}@example.com`,
		from: 'orders@shop.example',
		subject: `Receipt ${i}`,
		html_body: `<p>Receipt ${i}</p>`,
		transactional: true,
	}));

const send = (options: Record<string, unknown> = {}) => ({
	resource: 'email',
	operation: 'send',
	mappingMode: 'autoMapInputData',
	options: { requestsPerMinute: 0, retryDelay: 5, ...options },
});

/** How often the stand-in accepted each address. */
function acceptedCounts(s: Sandbox): number[] {
	const counts = new Map<string, number>();
	for (const e of emailsOf(s)) counts.set(e.to, (counts.get(e.to) ?? 0) + 1);
	return [...counts.values()];
}

// On a loaded machine a request that timed out on the client can reach the stand-in late:
// wait for it to arrive and be answered, so it cannot take the next test's fault.
async function settled(s: Sandbox, expected = 1) {
	for (
		let i = 0;
		i < 250 && (s.state.requests.length < expected || s.state.requests.some((r) => r.status === 0));
		i++
	)
		await new Promise((r) => setTimeout(r, 20));
}

beforeEach(() => {
	const s = sandbox();
	s.state.requests.length = 0;
	emailsOf(s).length = 0;
	s.setFaults([]);
	s.setRateLimit(undefined);
});

describe('Send Emails over real HTTP', () => {
	it('a timeout after Bento took the body is not retried: the email went out once', async () => {
		const s = sandbox();
		s.setFaults([{ accept: true, delayMs: 1500 }]);
		const result = await runAgainst(s, { parameters: send({ timeout: 500 }), items: emails(2) });
		await settled(s);
		expect(s.state.requests).toHaveLength(1);
		expect(acceptedCounts(s)).toEqual([1, 1]);
		expect(result.error?.message).toMatch(
			/^Batch 1 of 1 \(items 0-1\) may have been sent: Could not reach Bento \(E\w+\): no answer within the 500 ms timeout \(not retried: it may have been delivered\)$/,
		);
		expect(result.error?.description).toContain('Maybe sent: batch 1 (items 0-1). Not sent: none.');
	});

	it('a connection dropped after Bento took the body is not retried', async () => {
		const s = sandbox();
		s.setFaults([{ accept: true, drop: true }]);
		const result = await runAgainst(s, { parameters: send(), items: emails(3) });
		expect(s.state.requests.map((r) => r.status)).toEqual(['accepted, then dropped']);
		expect(acceptedCounts(s)).toEqual([1, 1, 1]);
		expect(result.error?.message).toContain('may have been sent: Could not reach Bento');
	});

	it('a 503 is not retried; with Retry Maybe-Sent Requests on, it and a drop are', async () => {
		const s = sandbox();
		s.setFaults([{ status: 503 }]);
		const off = await runAgainst(s, { parameters: send(), items: emails(2) });
		expect(s.state.requests.map((r) => r.status)).toEqual([503]);
		expect(off.error?.message).toContain('may have been sent: Bento answered 503');

		s.state.requests.length = 0;
		s.setFaults([{ status: 503 }, { accept: true, drop: true }]);
		const on = await runAgainst(s, {
			parameters: send({ retryMaybeSent: true }),
			items: emails(2),
		});
		expect(on.error).toBeUndefined();
		expect(s.state.requests.map((r) => r.status)).toEqual([503, 'accepted, then dropped', 200]);
		// The price the option's warning names: the dropped-after-accept batch went out twice.
		expect(acceptedCounts(s)).toEqual([2, 2]);
	});

	it('a 429 and a refused connection are retried: nothing certainly-not-sent is lost', async () => {
		const s = sandbox();
		s.setFaults([{ status: 429 }, { status: 429 }]);
		const result = await runAgainst(s, { parameters: send(), items: emails(2) });
		expect(result.error).toBeUndefined();
		expect(s.state.requests.map((r) => r.status)).toEqual([429, 429, 200]);
		expect(acceptedCounts(s)).toEqual([1, 1]);

		const refused = await runAgainst(s, {
			parameters: send({ maxRetries: 2 }),
			items: emails(2),
			credentials: { baseUrl: 'http://127.0.0.1:1/api/v1' },
		});
		expect(refused.error?.message).toBe(
			'Batch 1 of 1 (items 0-1) failed: Could not reach Bento (ECONNREFUSED): The service refused the connection - perhaps it is offline (after 3 attempts)',
		);
		expect(refused.error?.description).toContain('Not delivered: batch 1 (items 0-1).');
	});

	it('130 emails through a drop-after-accept and a 429: each accepted once, the maybe-sent batch on the error output', async () => {
		const s = sandbox();
		s.setFaults([{}, { accept: true, drop: true }, { status: 429 }]);
		const result = await runAgainst(s, {
			parameters: send(),
			items: emails(130),
			onError: 'continueErrorOutput',
		});
		expect(s.state.requests.map((r) => r.status)).toEqual([
			200,
			'accepted, then dropped',
			429,
			200,
		]);
		expect(acceptedCounts(s)).toHaveLength(130);
		expect(acceptedCounts(s).every((c) => c === 1)).toBe(true);
		expect(result.outputs[0]).toHaveLength(70);
		expect(result.outputs[1]).toHaveLength(60);
		expect(result.outputs[1][0].json.to).toBe('buyer60@example.com');
		expect(result.outputs[1][0].json.error).toMatch(
			/^Batch 2 of 3 \(items 60-119\) may have been sent/,
		);
	});
});
