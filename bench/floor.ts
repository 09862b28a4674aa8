import http from '@n8n-nodes-bentonow/dev-host/http';
import type { IDataObject } from 'n8n-workflow';

import { encodeBatch, planBatches } from '../nodes/Bento/engines/batchDelivery/batching';
import { USER_AGENT } from '../nodes/Bento/transport/userAgent';

export interface Target {
	baseUrl: string;
	keys: { publishableKey: string; secretKey: string; siteUuid: string };
}

export interface FloorOptions {
	/** false: a new connection per request, as n8n's request helper makes (for comparison). */
	keepAlive?: boolean;
	/**
	 * true: serialize the next batch while the current one is with the stand-in (once its body
	 * has left), as the node does. The plain floor serializes each batch right before sending it.
	 */
	pipelined?: boolean;
}

/**
 * The floor: the same events, already built, serialized and POSTed in the same batches, one
 * after another, over one keep-alive connection with plain Node. Nothing can send them faster
 * one request at a time.
 */
export async function sendFloor(
	target: Target,
	events: IDataObject[],
	batchSize: number,
	endpoint = '/batch/events',
	bodyKey = 'events',
	{ keepAlive = true, pipelined = false }: FloorOptions = {},
): Promise<number> {
	const agent = new http.Agent({ keepAlive, maxSockets: 1 });
	const url = new URL(
		`${target.baseUrl}${endpoint}?site_uuid=${encodeURIComponent(target.keys.siteUuid)}`,
	);
	const auth = `Basic ${Buffer.from(`${target.keys.publishableKey}:${target.keys.secretKey}`).toString('base64')}`;
	// The node's own encoding, so that both send the same bytes.
	const batches = planBatches(events.length, batchSize);
	const encode = (index: number) => encodeBatch(bodyKey, events, batches[index]);
	let accepted = 0;
	let next = pipelined && batches.length > 0 ? encode(0) : undefined;
	for (let index = 0; index < batches.length; index++) {
		const body = next ?? encode(index);
		next = undefined;
		const answer = await new Promise<string>((resolve, reject) => {
			const req = http.request(
				url,
				{
					method: 'POST',
					agent,
					headers: {
						Authorization: auth,
						'User-Agent': USER_AGENT,
						'Content-Type': 'application/json',
						'Content-Length': body.length,
					},
				},
				(res) => {
					const chunks: Buffer[] = [];
					res.on('data', (c: Buffer) => chunks.push(c));
					res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
				},
			);
			req.on('error', reject);
			if (pipelined && index + 1 < batches.length)
				req.on('finish', () => (next = encode(index + 1)));
			req.end(body);
		});
		accepted += (JSON.parse(answer) as { results: number }).results;
	}
	agent.destroy();
	return accepted;
}

/** A floor run asked of bench/floorProcess.ts (started by bench/real.ts on n8n's own Node). */
export interface FloorRequest {
	target: Target;
	operation: string;
	/** Records made, as the Code node makes them. */
	n: number;
	/** Only the first `count` of them are sent (a warm-up); all n when absent. */
	count?: number;
	options?: FloorOptions;
}

export interface FloorReply {
	ms?: number;
	cpu?: number;
	error?: string;
}
