// The real-n8n benchmark's floor, run in a process of its own started by bench/real.ts
// (startFloor) with the same `node` as the n8n it is compared with: Node 20 for 1.x, Node 24 for
// 2.x. Each message names an operation (real.ts's OPERATIONS), a record count and the floor's
// options; the process makes the records once per operation and count (not timed), POSTs them
// with bench/floor.ts and answers with the wall and CPU time.
import { process } from '@n8n-nodes-bentonow/dev-host/runtime';
import type { IDataObject } from 'n8n-workflow';

import type { FloorReply, FloorRequest } from './floor';
import { floorFor, OPERATIONS } from './real';

let made: { key: string; records: IDataObject[] } | undefined;

async function serve(request: FloorRequest): Promise<FloorReply> {
	const spec = OPERATIONS.find((s) => s.id === request.operation);
	if (!spec) return { error: `No operation ${request.operation}` };
	const key = `${spec.id}|${request.n}`;
	if (made?.key !== key) made = { key, records: spec.generate(request.n) };
	const records = request.count === undefined ? made.records : made.records.slice(0, request.count);
	return await floorFor(request.target, spec, records, request.options);
}

process.on('message', (request: FloorRequest) => {
	void serve(request).then(
		(reply) => process.send?.(reply),
		(error: unknown) => process.send?.({ error: String(error) }),
	);
});
process.send?.({ version: process.version });
