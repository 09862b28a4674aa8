import {
	type ICredentialTestFunctions,
	type ICredentialsDecrypted,
	type IHookFunctions,
	type INodeCredentialTestResult,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
	NodeConnectionTypes,
} from 'n8n-workflow';

import { describeCall, toTriggerItem } from './mapping';
import { ACCEPTED_ANSWER, answer, fieldTypesOf, listOf, readJsonBody } from './request';
import { headerValue, readWebhookSecret, secretMatches, webhookCredentialProblem } from './secret';
import { BODY_TEMPLATE, SETUP_NOTICE } from './template';

export class BentoTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Bento Trigger',
		name: 'bentoTrigger',
		icon: { light: 'file:../../icons/bento.svg', dark: 'file:../../icons/bento.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle:
			'={{ $parameter["eventTypes"] ? "On " + $parameter["eventTypes"] : "On Send webhook" }}',
		description: "Starts the workflow when a Bento workflow's Send webhook action calls it",
		defaults: { name: 'Bento Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'bentoWebhookApi',
				required: true,
				testedBy: 'bentoWebhookSecretTest',
				displayOptions: { show: { authentication: ['secretHeader'] } },
			},
		],
		webhooks: [
			{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' },
		],
		properties: [
			{ displayName: SETUP_NOTICE, name: 'setupNotice', type: 'notice', default: '' },
			{
				displayName: 'Body for Bento',
				name: 'bodyTemplate',
				type: 'string',
				typeOptions: { rows: 16 },
				default: BODY_TEMPLATE,
				noDataExpression: true,
				description:
					"Copy into the Body of Bento's Send webhook action. n8n does not read this field: the output is built from what Bento sends.",
			},
			{
				// Named and typed as n8n's editor expects of the field the credential depends on: it
				// shows it beside the credential (a boolean there would not be shown at all).
				displayName: 'Authentication',
				name: 'authentication',
				type: 'options',
				options: [
					{
						name: 'Secret Header',
						value: 'secretHeader',
						description: "Refuse (401) calls without the credential's secret in its header",
					},
					{
						name: 'None (Anyone With the URL)',
						value: 'none',
						description:
							'Accept every call. Bento signs nothing: the header is the only proof a call comes from your Bento workflow.',
					},
				],
				default: 'secretHeader',
			},
			{
				displayName:
					'Anyone who learns this URL can start the workflow: use Secret Header unless the URL is private and the data harmless',
				name: 'unsignedWarning',
				type: 'notice',
				default: '',
				displayOptions: { show: { authentication: ['none'] } },
			},
			{
				displayName: 'Event Types',
				name: 'eventTypes',
				type: 'string',
				default: '',
				placeholder: 'e.g. $purchase, $subscribe, signed_up',
				description:
					'Comma-separated. Only calls whose event.type is one of these start the workflow; others are answered 200 and start nothing. Empty: every call.',
			},
			{
				displayName: 'Workflows',
				name: 'workflows',
				type: 'string',
				default: '',
				placeholder: 'e.g. Purchase follow-up',
				description:
					'Comma-separated Bento workflow names. Only calls whose workflow is one of these start the workflow. Empty: every call.',
			},
			{
				displayName: 'Output',
				name: 'output',
				type: 'options',
				options: [
					{
						name: 'Clean Item',
						value: 'clean',
						description:
							'Tags as a list, typed custom fields, empty values left out, received_at added',
					},
					{ name: 'Raw Body', value: 'raw', description: 'The JSON body exactly as Bento sent it' },
				],
				default: 'clean',
			},
			{
				displayName: 'Field Types',
				name: 'fieldTypes',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true },
				placeholder: 'Add Field Type',
				default: {},
				displayOptions: { show: { output: ['clean'] } },
				description:
					'Liquid sends every custom field as text: name the ones that hold numbers or true/false to get them back as such',
				options: [
					{
						displayName: 'Field',
						name: 'field',
						values: [
							{
								displayName: 'Key',
								name: 'key',
								type: 'string',
								default: '',
								placeholder: 'e.g. orders_count',
							},
							{
								displayName: 'Type',
								name: 'type',
								type: 'options',
								options: [
									{ name: 'Boolean', value: 'boolean' },
									{ name: 'Number', value: 'number' },
									{ name: 'Text', value: 'text' },
								],
								default: 'number',
							},
						],
					},
				],
			},
		],
	};

	methods = {
		credentialTest: {
			// Nothing to call: Bento cannot be asked for the secret. Checks that it is worth having.
			async bentoWebhookSecretTest(
				this: ICredentialTestFunctions,
				credential: ICredentialsDecrypted,
			): Promise<INodeCredentialTestResult> {
				const problem = webhookCredentialProblem(credential.data);
				return problem
					? { status: 'Error', message: problem }
					: { status: 'OK', message: 'Secret set' };
			},
		},
	};

	// Bento has no API to register, list or delete a webhook (BENTO-WEBHOOKS.md): the user pastes
	// the URL into the Send webhook action, so there is nothing to check, create or delete here.
	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		// Checked before the body is looked at: an unauthenticated caller learns nothing more.
		if (this.getNodeParameter('authentication', 'secretHeader') !== 'none') {
			const { headerName, secret } = readWebhookSecret(
				await this.getCredentials('bentoWebhookApi'),
			);
			if (!secretMatches(secret, headerValue(this.getHeaderData(), headerName)))
				return answer(this, 401, {
					message: `Missing or wrong secret in the ${headerName} header`,
				});
		}

		const read = readJsonBody(this);
		if ('problem' in read) {
			return answer(this, 400, {
				message: `Expected a JSON object (Content-Type: application/json): ${read.problem}. Check the Body of the Send webhook action in Bento`,
			});
		}
		const { body } = read;

		const { eventType, workflow } = describeCall(body);
		const eventTypes = listOf(this.getNodeParameter('eventTypes', ''));
		const workflows = listOf(this.getNodeParameter('workflows', ''));
		const skipped =
			(eventTypes.length > 0 && !eventTypes.includes(eventType ?? '')) ||
			(workflows.length > 0 && !workflows.includes(workflow ?? ''));
		// 200, not an error: Bento would retry an error, and this call was fine, just not wanted.
		if (skipped) return { webhookResponse: { message: "Ignored by the trigger's filter" } };

		const json =
			this.getNodeParameter('output', 'clean') === 'raw'
				? body
				: toTriggerItem(body, fieldTypesOf(this.getNodeParameter('fieldTypes', {})), new Date());
		// Answered here: with `onReceived` n8n would send its default option's name as the text.
		answer(this, 200, { ...ACCEPTED_ANSWER });
		return { noWebhookResponse: true, workflowData: [[{ json }]] };
	}
}
