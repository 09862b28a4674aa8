import { type IExecuteFunctions, type INodeExecutionData, NodeOperationError } from 'n8n-workflow';

import * as broadcast from './broadcast/Broadcast.resource';
import * as email from './email/Email.resource';
import * as emailTemplate from './emailTemplate/EmailTemplate.resource';
import * as event from './event/Event.resource';
import * as field from './field/Field.resource';
import * as form from './form/Form.resource';
import type { BentoResource, Operation, OperationsOf } from './node.type';
import * as segment from './segment/Segment.resource';
import * as sequence from './sequence/Sequence.resource';
import * as stats from './stats/Stats.resource';
import * as subscriber from './subscriber/Subscriber.resource';
import * as tag from './tag/Tag.resource';
import * as utility from './utility/Utility.resource';
import * as workflow from './workflow/Workflow.resource';

/** Every resource of node.type.ts, each with exactly its operations: no more, none misspelled. */
export type OperationTable = { [R in BentoResource]: OperationsOf<R> };

// One line per resource: a resource's operations are listed in its <Resource>.resource.ts.
export const operations = {
	event: event.operations,
	subscriber: subscriber.operations,
	tag: tag.operations,
	field: field.operations,
	email: email.operations,
	broadcast: broadcast.operations,
	stats: stats.operations,
	sequence: sequence.operations,
	workflow: workflow.operations,
	emailTemplate: emailTemplate.operations,
	segment: segment.operations,
	form: form.operations,
	utility: utility.operations,
} satisfies OperationTable;

/** The table's entry for saved values, or undefined (own keys only: "toString" is no operation). */
export function findOperation(resource: string, operation: string): Operation | undefined {
	const table: Record<string, Record<string, Operation>> = operations;
	if (!Object.hasOwn(table, resource) || !Object.hasOwn(table[resource], operation))
		return undefined;
	return table[resource][operation];
}

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const handler = findOperation(resource, operation);
	if (!handler) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operation}" of "${resource}" is not supported`,
		);
	}
	return await handler.execute.call(this, this.getInputData());
}
