import { type IExecuteFunctions, type INodeExecutionData, NodeOperationError } from 'n8n-workflow';

import * as broadcast from './broadcast/Broadcast.resource';
import * as email from './email/Email.resource';
import * as emailTemplate from './emailTemplate/EmailTemplate.resource';
import * as event from './event/Event.resource';
import * as field from './field/Field.resource';
import * as form from './form/Form.resource';
import type { BentoOperation, BentoResource, Operation } from './node.type';
import * as segment from './segment/Segment.resource';
import * as sequence from './sequence/Sequence.resource';
import * as stats from './stats/Stats.resource';
import * as subscriber from './subscriber/Subscriber.resource';
import * as tag from './tag/Tag.resource';
import * as utility from './utility/Utility.resource';
import * as workflow from './workflow/Workflow.resource';

/** Every resource of node.type.ts, each with exactly its operations: no more, none misspelled. */
export type OperationTable = { [R in BentoResource]: Record<BentoOperation<R>, Operation> };

// One line per operation: adding an operation adds its file, its line here and an import above.
export const operations = {
	event: { create: event.create },
	subscriber: {
		get: subscriber.get,
		create: subscriber.create,
		deletePersonalData: subscriber.deletePersonalData,
		import: subscriber.importSubscribers,
		runCommand: subscriber.runCommand,
	},
	tag: { getAll: tag.getAll, create: tag.create },
	field: { getAll: field.getAll, create: field.create },
	email: { send: email.send },
	broadcast: { getAll: broadcast.getAll, create: broadcast.create },
	stats: { getSite: stats.getSite, getSegment: stats.getSegment, getReport: stats.getReport },
	sequence: { getAll: sequence.getAll, addEmail: sequence.addEmail },
	workflow: { getAll: workflow.getAll },
	emailTemplate: { get: emailTemplate.get, update: emailTemplate.update },
	segment: { getAll: segment.getAll, get: segment.get },
	form: { getResponses: form.getResponses },
	utility: {
		validateEmail: utility.validateEmail,
		moderateContent: utility.moderateContent,
		guessGender: utility.guessGender,
		geolocateIp: utility.geolocateIp,
		checkBlacklist: utility.checkBlacklist,
	},
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
