import {
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodePropertyOptions,
	type INodeType,
	type INodeTypeDescription,
	NodeConnectionTypes,
} from 'n8n-workflow';

import * as broadcast from './actions/broadcast/Broadcast.resource';
import * as email from './actions/email/Email.resource';
import * as emailTemplate from './actions/emailTemplate/EmailTemplate.resource';
import * as event from './actions/event/Event.resource';
import * as field from './actions/field/Field.resource';
import * as form from './actions/form/Form.resource';
import type { BentoResource } from './actions/node.type';
import { router } from './actions/router';
import * as segment from './actions/segment/Segment.resource';
import * as sequence from './actions/sequence/Sequence.resource';
import * as stats from './actions/stats/Stats.resource';
import * as subscriber from './actions/subscriber/Subscriber.resource';
import * as tag from './actions/tag/Tag.resource';
import * as utility from './actions/utility/Utility.resource';
import * as workflow from './actions/workflow/Workflow.resource';
import { nodeBuilderHint, type NodeBuilderHint } from './helpers/builderHint';
import { listSearch } from './methods';

// Read by n8n 2.x's AI workflow builder when it searches for a node; n8n 1.x ignores it.
const builderHint: NodeBuilderHint = {
	searchHint:
		"Bento email marketing: track events (they start Bento automations), create, import, tag and look up subscribers, send transactional emails, create or schedule broadcasts, read stats. Batches many items into few requests under Bento's rate limit; every write has a Dry Run option.",
	relatedNodes: [
		{
			nodeType: 'n8n-nodes-bentonow.bentoTrigger',
			relationHint: 'Starts a workflow when Bento sends a webhook (an event, a subscriber change)',
		},
		{
			nodeType: 'n8n-nodes-bentonow.bentoFormResponseTrigger',
			relationHint: 'Starts a workflow for each new response to a Bento form',
		},
	],
};

export class Bento implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Bento',
		name: 'bento',
		icon: { light: 'file:../../icons/bento.svg', dark: 'file:../../icons/bento.dark.svg' },
		group: ['output'],
		// 1.1: Create Events reads a date without an offset in the workflow's time zone (1: UTC).
		// 1.2: Simplify and the AI tool's Output on long answers; deletes answer {deleted: true}.
		version: [1, 1.1, 1.2],
		defaultVersion: 1.2,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description: 'Send events, subscribers and emails to Bento email marketing and automation',
		defaults: { name: 'Bento' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'bentoApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Broadcast', value: 'broadcast' },
					{ name: 'Email', value: 'email' },
					{ name: 'Email Template', value: 'emailTemplate' },
					{ name: 'Event', value: 'event' },
					{ name: 'Field', value: 'field' },
					{ name: 'Form', value: 'form' },
					{ name: 'Segment', value: 'segment' },
					{ name: 'Sequence', value: 'sequence' },
					{ name: 'Stat', value: 'stats' },
					{ name: 'Subscriber', value: 'subscriber' },
					{ name: 'Tag', value: 'tag' },
					{ name: 'Utility', value: 'utility' },
					{ name: 'Workflow', value: 'workflow' },
				] satisfies Array<INodePropertyOptions & { value: BentoResource }>,
				default: 'event',
			},
			...broadcast.description,
			...email.description,
			...emailTemplate.description,
			...event.description,
			...field.description,
			...form.description,
			...segment.description,
			...sequence.description,
			...stats.description,
			...subscriber.description,
			...tag.description,
			...utility.description,
			...workflow.description,
		],
		...nodeBuilderHint(builderHint),
	};

	methods = { listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
