// The benchmark's stand-in for the load balancer in front of n8n's webhook processors (nginx,
// HAProxy or a cloud balancer in production): it accepts every connection (a listen backlog of
// 4,096), and passes each call to the processors in turn over a few kept-alive connections each,
// so that no n8n process meets thousands of connections at once. Never retries a call: a POST
// that may have reached n8n is not sent twice. Harness code, on 127.0.0.1 only.
import http from '@n8n-nodes-bentonow/dev-host/http';

export interface Front {
	port: number;
	/** Calls passed to each processor, in the order of `targets`. */
	forwarded: number[];
	/** Calls answered 502 because a processor could not be reached or broke off. */
	failed: number;
	close(): Promise<void>;
}

// Hop-by-hop headers belong to one connection: the client's `Connection: close` must not close
// the kept-alive connection to n8n.
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade']);

/** Kept-alive connections from the front to each webhook processor. */
export const FRONT_CONNECTIONS = 32;

/** Starts the front on 127.0.0.1:`port`, passing calls to 127.0.0.1:`targets` in turn. */
export async function startFront(
	port: number,
	targets: number[],
	perTarget = FRONT_CONNECTIONS,
): Promise<Front> {
	const agents = targets.map(() => new http.Agent({ keepAlive: true, maxSockets: perTarget }));
	const front: Front = {
		port,
		forwarded: targets.map(() => 0),
		failed: 0,
		close: async () => {},
	};
	let next = 0;
	const server = http.createServer((req, res) => {
		const k = next++ % targets.length;
		front.forwarded[k]++;
		const headers: Record<string, number | string | string[] | undefined> = {};
		for (const [name, value] of Object.entries(req.headers))
			if (!HOP_BY_HOP.has(name)) headers[name] = value;
		const upstream = http.request(
			{
				host: '127.0.0.1',
				port: targets[k],
				path: req.url,
				method: req.method,
				headers,
				agent: agents[k],
			},
			(answer) => {
				const out: Record<string, number | string | string[] | undefined> = {};
				for (const [name, value] of Object.entries(answer.headers))
					if (!HOP_BY_HOP.has(name)) out[name] = value;
				res.writeHead(answer.statusCode ?? 502, out);
				answer.pipe(res);
			},
		);
		upstream.on('error', () => {
			front.failed++;
			if (!res.headersSent) res.writeHead(502);
			res.end();
		});
		req.pipe(upstream);
	});
	await new Promise<void>((resolve) =>
		server.listen({ port, host: '127.0.0.1', backlog: 4096 }, resolve),
	);
	front.close = async () => {
		agents.forEach((agent) => agent.destroy());
		server.closeAllConnections();
		await new Promise((resolve) => server.close(resolve));
	};
	return front;
}
