// Runs the two trigger nodes through n8n-core's real contexts (WebhookContext, PollContext) on a
// real Workflow, as n8n does when a call arrives or a poll is due: parameters with their
// defaults, credentials through a credentials helper, static data through the workflow.
import { PollContext, WebhookContext } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INode,
	INodeParameters,
	INodeTypes,
	IWebhookData,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { BentoApi } from '../../credentials/BentoApi.credentials';
import { BentoWebhookApi } from '../../credentials/BentoWebhookApi.credentials';
import { BentoFormResponseTrigger } from '../../nodes/BentoFormResponseTrigger/BentoFormResponseTrigger.node';
import { BentoTrigger } from '../../nodes/BentoTrigger/BentoTrigger.node';
import { TEST_CREDENTIALS, TestCredentialsHelper } from './runNode';

const webhookNode = new BentoTrigger();
const pollNode = new BentoFormResponseTrigger();
const nodeTypes: INodeTypes = {
	getByName: (type) => (type.endsWith('bentoTrigger') ? webhookNode : pollNode),
	getByNameAndVersion: (type) => (type.endsWith('bentoTrigger') ? webhookNode : pollNode),
	getKnownTypes: () => ({}),
};

export const WEBHOOK_SECRET = 'whsec-test-dummy-0123456789abcdef';
export const WEBHOOK_CREDENTIAL = { headerName: 'X-Bento-Secret', secret: WEBHOOK_SECRET };

function workflowWith(node: INode, staticData?: IDataObject) {
	return new Workflow({
		id: 'trigger-test',
		nodes: [node],
		connections: {},
		active: true,
		nodeTypes,
		settings: {},
		staticData,
	});
}

function additionalData(
	data: ICredentialDataDecryptedObject,
	type: BentoApi | BentoWebhookApi,
	extra: IDataObject = {},
) {
	return {
		credentialsHelper: new TestCredentialsHelper(data, type),
		restApiUrl: 'http://127.0.0.1/rest',
		instanceBaseUrl: 'http://127.0.0.1/',
		webhookBaseUrl: 'http://127.0.0.1/webhook',
		webhookTestBaseUrl: 'http://127.0.0.1/webhook-test',
		variables: {},
		...extra,
	} as unknown as IWorkflowExecuteAdditionalData;
}

/** A request as Bento's Send webhook action makes it (headers lower-cased, as Node gives them). */
export interface CallFixture {
	headers?: Record<string, string>;
	/** As n8n's body parser left it: an object for JSON, a string for text/plain. */
	body?: unknown;
	/** The request's unparsed bytes, which n8n keeps as `req.rawBody`. */
	rawBody?: Buffer;
	parameters?: INodeParameters;
	credential?: ICredentialDataDecryptedObject;
}

export interface CallResult {
	/** What the node returned to n8n. */
	result: Awaited<ReturnType<BentoTrigger['webhook']>>;
	/** What the node answered itself (status and JSON), when it did. */
	answered?: { status: number; body: unknown };
}

/** Delivers one call to the Bento Trigger's webhook() through n8n-core's WebhookContext. */
export async function callTrigger(fixture: CallFixture): Promise<CallResult> {
	const node: INode = {
		id: 'trigger',
		name: 'Bento Trigger',
		type: 'n8n-nodes-bentonow.bentoTrigger',
		typeVersion: 1,
		position: [0, 0],
		webhookId: 'hook-1',
		parameters: fixture.parameters ?? {},
		credentials: { bentoWebhookApi: { id: '2', name: 'Bento webhook' } },
	};
	let answered: CallResult['answered'];
	const response = {
		status(code: number) {
			return {
				json(body: unknown) {
					answered = { status: code, body };
				},
			};
		},
	};
	const request = {
		headers: { 'content-type': 'application/json', ...fixture.headers },
		body: fixture.body,
		rawBody: fixture.rawBody,
	};
	const context = new WebhookContext(
		workflowWith(node),
		node,
		additionalData(fixture.credential ?? WEBHOOK_CREDENTIAL, new BentoWebhookApi(), {
			httpRequest: request,
			httpResponse: response,
		}),
		'webhook',
		{ webhookDescription: webhookNode.description.webhooks![0] } as IWebhookData,
		[],
		null,
	);
	const result = await webhookNode.webhook.call(context);
	return { result, answered };
}

/** What n8n answered itself, before the node ran (no execution). */
export interface N8nRefusal {
	n8nStatus: number;
}

/**
 * Sends `text` as an HTTP request body reaches a version-1 webhook node in n8n 1.x and 2.x
 * (packages/cli/src/middlewares/body-parser.ts `parseBody`, run for every webhook call): the raw
 * bytes are kept as `rawBody`; exactly `application/json` is parsed (n8n answers 422 itself when
 * that fails: the node never runs), `text/plain` becomes a string, anything else is left
 * unparsed. Header values reach the node as Node's HTTP parser gives them: white space around
 * them dropped, bytes read as Latin-1. e2e/trigger.test.js checks the same in real n8n.
 */
export async function postToTrigger(
	text: string,
	{
		contentType,
		headers = {},
		...fixture
	}: Omit<CallFixture, 'body' | 'rawBody'> & { contentType?: string },
): Promise<CallResult | N8nRefusal> {
	const mime = contentType?.split(';')[0].trim().toLowerCase();
	let body: unknown;
	if (mime === 'application/json' && text !== '') {
		try {
			body = JSON.parse(text);
		} catch {
			return { n8nStatus: 422 };
		}
	} else if (mime === 'text/plain' && text !== '') body = text;
	const asHttp = Object.fromEntries(
		Object.entries(headers).map(([name, value]) => [
			name.toLowerCase(),
			Buffer.from(value.trim(), 'utf8').toString('latin1'),
		]),
	);
	return await callTrigger({
		...fixture,
		headers: { 'content-type': contentType ?? '', ...asHttp },
		body,
		rawBody: Buffer.from(text, 'utf8'),
	});
}

/** One Bento Form Response Trigger node whose polls share the workflow's static data (`parameters` may be changed between polls, as a user edits the node). */
export function formTrigger(
	parameters: INodeParameters,
	credentials: ICredentialDataDecryptedObject = TEST_CREDENTIALS,
) {
	const nodeOf = (): INode => ({
		id: 'form-trigger',
		name: 'Bento Form Response Trigger',
		type: 'n8n-nodes-bentonow.bentoFormResponseTrigger',
		typeVersion: 1,
		position: [0, 0],
		// A copy each poll: n8n's Workflow replaces a node's parameters with its own object.
		parameters: { ...parameters },
		credentials: { bentoApi: { id: '1', name: 'Bento account' } },
	});
	let staticData: IDataObject = {};
	return {
		/** One poll, as n8n runs it on schedule ('trigger') or from "Fetch Test Event" ('manual'). */
		async poll(mode: 'trigger' | 'manual' = 'trigger') {
			// A fresh Workflow each time, built from the saved static data, as after a restart.
			const node = nodeOf();
			const workflow = workflowWith(node, JSON.parse(JSON.stringify(staticData)) as IDataObject);
			const context = new PollContext(
				workflow,
				node,
				additionalData(credentials, new BentoApi()),
				mode,
				'activate',
			);
			const output = await pollNode.poll.call(context);
			staticData = JSON.parse(JSON.stringify(workflow.staticData)) as IDataObject;
			return output;
		},
		staticData: () => staticData,
	};
}
