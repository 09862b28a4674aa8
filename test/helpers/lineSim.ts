import type { INode } from 'n8n-workflow';

import { systemClock } from '../../nodes/Bento/transport/clock';
import { accountKey } from '../../nodes/Bento/transport/gates';
import { Pacer } from '../../nodes/Bento/transport/pacer';
import { RETRY_CAPS } from '../../nodes/Bento/transport/retryPolicy';
import type { Context, Destination } from '../../nodes/Bento/transport/send';
import { Sender } from '../../nodes/Bento/transport/sender';
import { createLimiter, perWindow, type RateLimit } from '../../sandbox/rateLimit';

// The transport's whole sending path (Sender: pace, line, retries) against the stand-in's
// limiter, without n8n-core: each "execution" is a Sender of its own, as each run of a node has,
// and n8n's HTTP helper is a function that takes `latencyMs` of virtual time (test/helpers/
// virtualClock.ts) and answers as the limiter decides. Thousands of requests take a second or
// two, so every limiter shape can be tried with bursts and a bulk job beside them.

const NODE = { name: 'Bento', type: 'n8n-nodes-bentonow.bento', typeVersion: 1 } as INode;
const ROOT = 'https://sim.example/api/v1';

export interface SimRequest {
	/** Arrival at the limiter (virtual ms). */
	at: number;
	status: number;
	/** Which execution sent it. */
	execution: number;
}

export interface SimFinish {
	execution: number;
	/** Virtual ms when the execution ended. */
	at: number;
	/** Its requests' turns: when each single-request execution started waiting, and was sent. */
	error?: string;
}

/**
 * One account behind `limit`, reached by executions that each send requests one after another
 * through their own Sender (default options unless `maxWaitMinutes` is given). `sendDate`: the
 * answers carry a `Date` header (whole seconds).
 */
export function simulatedAccount(
	limit: RateLimit,
	{
		latencyMs = 100 as number | (() => number),
		sendDate = true,
		maxWaitMinutes = 20,
		siteUuid = 'sim-site',
	} = {},
) {
	const limiter = createLimiter(limit);
	const requests: SimRequest[] = [];
	const account = accountKey(ROOT, siteUuid);

	function context(execution: number): Context {
		const httpRequestWithAuthentication = async () => {
			const latency = typeof latencyMs === 'number' ? latencyMs : latencyMs();
			await systemClock.wait(latency / 2);
			const at = systemClock.now();
			const { allowed, retryAfter } = limiter.check(at);
			requests.push({ at, status: allowed ? 200 : 429, execution });
			await systemClock.wait(latency / 2);
			const headers: Record<string, string> = sendDate ? { date: new Date(at).toUTCString() } : {};
			if (retryAfter !== undefined) headers['retry-after'] = retryAfter;
			return allowed
				? { statusCode: 200, body: { results: 1, failed: 0 }, headers }
				: { statusCode: 429, body: { error: 'Too many requests' }, headers };
		};
		return {
			getNode: () => NODE,
			helpers: { httpRequestWithAuthentication },
		} as unknown as Context;
	}

	const to: Destination = {
		baseUrl: ROOT,
		siteUuid,
		timeoutMs: 30_000,
		credential: { id: '', name: '', type: 'bentoApi', data: {} },
		redact: (text) => text,
	};
	const policy = { ...RETRY_CAPS, maxRetries: 5, initialDelayMs: 1_000 };

	/** An execution that sends `count` requests one after another; resolves when it ends. */
	async function execution(id: number, count = 1, startAfterMs = 0): Promise<SimFinish> {
		await systemClock.wait(startAfterMs);
		const sender = new Sender(
			context(id),
			to,
			policy,
			new Pacer(0, systemClock),
			account,
			maxWaitMinutes * 60_000,
		);
		try {
			for (let i = 0; i < count; i++)
				await sender.send({ method: 'POST', endpoint: '/batch/events', body: { events: [] } });
			return { execution: id, at: systemClock.now() };
		} catch (error) {
			return { execution: id, at: systemClock.now(), error: (error as Error).message };
		}
	}

	return {
		requests,
		execution,
		/** Accepted requests of execution `id`. */
		accepted: (id: number) => requests.filter((r) => r.execution === id && r.status === 200).length,
		windows: (windowMs = limit.windowMs) => perWindow(requests, windowMs),
	};
}
