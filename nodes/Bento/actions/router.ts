import { type IExecuteFunctions, type INodeExecutionData, NodeOperationError } from 'n8n-workflow';

import * as broadcast from './broadcast/Broadcast.resource';
import * as email from './email/Email.resource';
import * as event from './event/Event.resource';
import type { BentoType } from './node.type';

type Operation = {
	execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[][]>;
};

type Operations = { [R in BentoType['resource']]: Partial<Record<string, Operation>> };

// One line per operation: adding an operation adds its file, its line here and an import above.
const operations: Operations = {
	event: { create: event.create },
	subscriber: {},
	tag: {},
	field: {},
	email: { send: email.send },
	broadcast: { getAll: broadcast.getAll, create: broadcast.create },
	stats: {},
	sequence: {},
	workflow: {},
	emailTemplate: {},
	segment: {},
	form: {},
	utility: {},
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as BentoType['resource'];
	const operation = this.getNodeParameter('operation', 0) as string;
	const handler = operations[resource]?.[operation];
	if (!handler) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operation}" of "${resource}" is not supported`,
		);
	}
	return await handler.execute.call(this, this.getInputData());
}
