import http from 'node:http';
import type { IDataObject } from 'n8n-workflow';

import { USER_AGENT } from '../nodes/Bento/transport/userAgent';

export interface Target {
	baseUrl: string;
	keys: { publishableKey: string; secretKey: string; siteUuid: string };
}

/**
 * The floor: the same events, already built, serialized and POSTed in the same batches, one
 * after another, over one keep-alive connection with plain Node. Nothing can send them faster.
 */
export async function sendFloor(
	target: Target,
	events: IDataObject[],
	batchSize: number,
	endpoint = '/batch/events',
	bodyKey = 'events',
	/** false: a new connection per request, as n8n's request helper makes (for comparison). */
	keepAlive = true,
): Promise<number> {
	const agent = new http.Agent({ keepAlive, maxSockets: 1 });
	const url = new URL(
		`${target.baseUrl}${endpoint}?site_uuid=${encodeURIComponent(target.keys.siteUuid)}`,
	);
	const auth = `Basic ${Buffer.from(`${target.keys.publishableKey}:${target.keys.secretKey}`).toString('base64')}`;
	let accepted = 0;
	for (let start = 0; start < events.length; start += batchSize) {
		const body = JSON.stringify({ [bodyKey]: events.slice(start, start + batchSize) });
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
						'Content-Length': Buffer.byteLength(body),
					},
				},
				(res) => {
					const chunks: Buffer[] = [];
					res.on('data', (c: Buffer) => chunks.push(c));
					res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
				},
			);
			req.on('error', reject);
			req.end(body);
		});
		accepted += (JSON.parse(answer) as { results: number }).results;
	}
	agent.destroy();
	return accepted;
}
