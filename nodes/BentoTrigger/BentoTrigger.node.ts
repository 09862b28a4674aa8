import {
	type ICredentialTestFunctions,
	type ICredentialsDecrypted,
	type IDataObject,
	type IHookFunctions,
	type INodeCredentialTestResult,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
	NodeConnectionTypes,
} from 'n8n-workflow';

import {
	describeCall,
	type FieldType,
	type FieldTypes,
	isPlainObject,
	toTriggerItem,
} from './mapping';
import { headerValue, secretMatches, weakSecretReason } from './secret';
import { BODY_TEMPLATE, DEFAULT_SECRET_HEADER, SETUP_NOTICE } from './template';

// application/json with or without a charset (BENTO-WEBHOOKS.md), or a +json type.
const JSON_TYPE = /^application\/([\w.-]+\+)?json\s*(;|$)/i;

/** Splits a comma-separated filter list; empty means "no filter". */
function listOf(value: unknown): string[] {
	return String(value ?? '')
		.split(',')
		.map((entry) => entry.trim())
		.filter((entry) => entry !== '');
}

/** Answers the call itself and starts no execution (n8n sends nothing more). */
function refuse(ctx: IWebhookFunctions, status: number, message: string): IWebhookResponseData {
	ctx.getResponseObject().status(status).json({ message });
	return { noWebhookResponse: true };
}

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
				const weak = weakSecretReason(credential.data?.secret);
				return weak ? { status: 'Error', message: weak } : { status: 'OK', message: 'Secret set' };
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
			const credential = await this.getCredentials('bentoWebhookApi');
			const header = String(credential.headerName || DEFAULT_SECRET_HEADER);
			const given = headerValue(this.getHeaderData(), header);
			if (!secretMatches(String(credential.secret ?? ''), given))
				return refuse(this, 401, `Missing or wrong secret in the ${header} header`);
		}

		const contentType = String(this.getHeaderData()['content-type'] ?? '');
		const body = this.getBodyData() as unknown;
		// n8n has parsed the body by its Content-Type: a form or text body arrives parsed too.
		if (!JSON_TYPE.test(contentType) || !isPlainObject(body) || Object.keys(body).length === 0) {
			return refuse(
				this,
				400,
				'Expected a JSON object (Content-Type: application/json): check the Body of the Send webhook action in Bento',
			);
		}

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
		return { workflowData: [[{ json }]] };
	}
}

function fieldTypesOf(parameter: unknown): FieldTypes {
	const rows = ((parameter as IDataObject)?.field ?? []) as Array<{
		key?: string;
		type?: FieldType;
	}>;
	return Object.fromEntries(
		rows
			.filter((row) => row.key?.trim())
			.map((row) => [String(row.key).trim(), row.type ?? 'text']),
	);
}
