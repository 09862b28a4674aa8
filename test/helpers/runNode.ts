// Runs the Bento node through n8n-core's real execution engine (WorkflowExecute), as n8n's own
// node tests do: parameters, expressions, pairing, Continue On Fail, the error output and the
// credential's authenticate() all run through n8n's code, not through a mock of it.
import { setTimeout, clearTimeout } from '@n8n-nodes-bentonow/dev-host/runtime';

import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import {
	createDeferredPromise,
	createRunExecutionData,
	Expression,
	ICredentialsHelper,
	type ICredentialDataDecryptedObject,
	type ICredentials,
	type ICredentialType,
	type IExecuteFunctions,
	type IDataObject,
	type IHttpRequestOptions,
	type INode,
	type INodeExecutionData,
	type INodeParameters,
	type INodeProperties,
	type INodeType,
	type INodeTypes,
	type IRun,
	type IWorkflowExecuteAdditionalData,
	Workflow,
} from 'n8n-workflow';

import { BentoApi } from '../../credentials/BentoApi.credentials';
import { Bento } from '../../nodes/Bento/Bento.node';
import { undeclaredCollectionKeys } from './collectionKeys';

export const TEST_CREDENTIALS = {
	publishableKey: 'pk_test_dummy_9f8e7d6c5b4a',
	secretKey: 'sk_test_dummy_SECRET_1a2b3c4d5e6f',
	siteUuid: 'site-uuid-0123456789abcdef',
	baseUrl: 'https://app.bentonow.com/api/v1',
};

/**
 * Applies a credential type's `authenticate` as n8n does: a function is called; a generic
 * object's `auth`, `headers`, `qs` and `body` are resolved against the credential data (their
 * `={{ $credentials.x }}` expressions) and merged into the request.
 */
async function applyAuthenticate(
	type: ICredentialType,
	credentials: ICredentialDataDecryptedObject,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const { authenticate } = type;
	if (typeof authenticate === 'function') return await authenticate(credentials, requestOptions);
	if (!authenticate || authenticate.type !== 'generic') return requestOptions;
	const resolve = (value: unknown): unknown =>
		typeof value === 'string' && value.startsWith('=')
			? Expression.resolveWithoutWorkflow(value.slice(1), { $credentials: credentials })
			: value;
	const result = { ...requestOptions } as IDataObject;
	for (const [key, part] of Object.entries(authenticate.properties)) {
		const resolved = Object.fromEntries(
			Object.entries(part as IDataObject).map(([name, value]) => [name, resolve(value)]),
		);
		result[key] = { ...((result[key] as IDataObject) ?? {}), ...resolved };
	}
	return result as unknown as IHttpRequestOptions;
}

export class TestCredentialsHelper extends ICredentialsHelper {
	constructor(
		private readonly data: ICredentialDataDecryptedObject,
		private readonly credentialType: ICredentialType,
	) {
		super();
	}

	getParentTypes(): string[] {
		return [];
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions,
	) {
		if (typeName !== this.credentialType.name)
			throw new Error(`Unexpected credential type ${typeName}`);
		return await applyAuthenticate(this.credentialType, credentials, requestOptions);
	}

	async preAuthentication() {
		return undefined;
	}

	async getCredentials(): Promise<ICredentials> {
		throw new Error('not used by these tests');
	}

	async getDecrypted() {
		return { ...this.data };
	}

	async updateCredentials() {}

	async updateCredentialsOauthTokenData() {}

	getCredentialsProperties(): INodeProperties[] {
		return this.credentialType.properties;
	}
}

// Stands in for the node before Bento (a trigger or a Code node): passes its items on, so that
// Bento runs with a real parent, as in a workflow (paired items, the error output's merge).
class InputNode implements INodeType {
	description = {
		displayName: 'Input',
		name: 'input',
		group: ['input'],
		version: 1,
		description: '',
		defaults: {},
		inputs: ['main'],
		outputs: ['main'],
		properties: [],
	} as unknown as INodeType['description'];

	async execute(this: IExecuteFunctions) {
		return [this.getInputData()];
	}
}

// One instance per type, as n8n's own node registry keeps them.
const inputNode = new InputNode();
const bentoNode = new Bento();
const nodeTypes: INodeTypes = {
	getByName: (type) => (type === 'test.input' ? inputNode : bentoNode),
	getByNameAndVersion: (type) => (type === 'test.input' ? inputNode : bentoNode),
	getKnownTypes: () => ({}),
};

export interface RunOptions {
	parameters: Record<string, unknown>;
	items: IDataObject[] | INodeExecutionData[];
	credentials?: Partial<typeof TEST_CREDENTIALS>;
	/** n8n's node setting: 'continueRegularOutput' or 'continueErrorOutput'. */
	onError?: INode['onError'];
	/** Aborts the execution when this signal fires (n8n's cancel). */
	cancelAfterMs?: number;
	/** Cancels the execution (n8n's cancel) when this promise resolves (e.g. at a virtual time). */
	cancelWhen?: Promise<unknown>;
	/**
	 * The `bentoApi` class n8n loaded (default: ours). With another class, the credential data
	 * is exactly `credentials` (n8n keeps only that class's fields), without our defaults.
	 */
	credentialType?: ICredentialType;
	/** n8n's node settings Retry On Fail, Max Tries and Wait Between Tries (ms). */
	retryOnFail?: { maxTries: number; waitBetweenTries: number };
	/** n8n's node settings Execute Once and Always Output Data. */
	executeOnce?: boolean;
	alwaysOutputData?: boolean;
	/** The execution's id; each run gets a new one unless a test wants two runs to share it. */
	executionId?: string;
	/** The node's saved version (default 1, as the older tests were written for). */
	typeVersion?: number;
	/** The workflow's time zone setting (n8n's default when unset). */
	timezone?: string;
}

export interface RunResult {
	run: IRun;
	/** Items of the node's outputs: [0] main, [1] error output when onError is continueErrorOutput. */
	outputs: INodeExecutionData[][];
	error?: Error & IDataObject;
}

export const NODE_NAME = 'Bento';

let executions = 0;

export async function runBentoNode(options: RunOptions): Promise<RunResult> {
	const undeclared = undeclaredCollectionKeys(bentoNode.description.properties, {
		...options.parameters,
	});
	if (undeclared.length > 0)
		throw new Error(`Not declared by the node, so n8n would drop them: ${undeclared.join(', ')}`);
	const node: INode = {
		id: 'bento-node',
		name: NODE_NAME,
		type: 'n8n-nodes-bentonow.bento',
		typeVersion: options.typeVersion ?? 1,
		position: [0, 0],
		parameters: options.parameters as INodeParameters,
		credentials: { bentoApi: { id: '1', name: 'Bento account' } },
		...(options.onError ? { onError: options.onError } : {}),
		...(options.retryOnFail ? { retryOnFail: true, ...options.retryOnFail } : {}),
		...(options.executeOnce ? { executeOnce: true } : {}),
		...(options.alwaysOutputData ? { alwaysOutputData: true } : {}),
	};
	const input: INode = {
		id: 'input-node',
		name: 'Input',
		type: 'test.input',
		typeVersion: 1,
		position: [-200, 0],
		parameters: {},
	};
	const connections = { Input: { main: [[{ node: NODE_NAME, type: 'main' as const, index: 0 }]] } };
	const workflow = new Workflow({
		id: 'test',
		nodes: [input, node],
		connections,
		active: false,
		nodeTypes,
		settings: options.timezone ? { timezone: options.timezone } : {},
	});

	const executionId = options.executionId ?? `exec-${++executions}`;
	const hooks = new ExecutionLifecycleHooks('manual', executionId, {
		id: 'test',
		nodes: [input, node],
		connections,
	} as never);
	const finished = createDeferredPromise<IRun>();
	hooks.addHandler('workflowExecuteAfter', (run) => finished.resolve(run));

	const credentialsHelper = options.credentialType
		? new TestCredentialsHelper({ ...options.credentials }, options.credentialType)
		: new TestCredentialsHelper({ ...TEST_CREDENTIALS, ...options.credentials }, new BentoApi());
	const additionalData = {
		hooks,
		executionId,
		credentialsHelper,
		restApiUrl: 'http://127.0.0.1/rest',
		instanceBaseUrl: 'http://127.0.0.1/',
		webhookBaseUrl: 'http://127.0.0.1/webhook',
		webhookWaitingBaseUrl: 'http://127.0.0.1/webhook-waiting',
		webhookTestBaseUrl: 'http://127.0.0.1/webhook-test',
		formWaitingBaseUrl: 'http://127.0.0.1/form-waiting',
		variables: {},
		currentNodeParameters: undefined,
		executionTimeoutTimestamp: undefined,
		userId: 'user',
		setExecutionStatus: () => {},
		logAiEvent: () => {},
		getRunExecutionData: async () => undefined,
	} as unknown as IWorkflowExecuteAdditionalData;

	const items = (options.items as Array<IDataObject | INodeExecutionData>).map((item) =>
		'json' in item && typeof item.json === 'object'
			? (item as INodeExecutionData)
			: { json: item as IDataObject },
	);
	const runData = createRunExecutionData({
		executionData: { nodeExecutionStack: [{ node: input, data: { main: [items] }, source: null }] },
	});

	const execute = new WorkflowExecute(additionalData, 'manual', runData);
	const running = execute.processRunExecutionData(workflow);
	let timer: NodeJS.Timeout | undefined;
	if (options.cancelAfterMs !== undefined)
		timer = setTimeout(() => running.cancel(), options.cancelAfterMs);
	void options.cancelWhen?.then(() => running.cancel());
	await running.catch(() => undefined);
	if (timer) clearTimeout(timer);
	const run = await Promise.race([finished.promise, running.then(() => finished.promise)]);

	const nodeRun = run.data.resultData.runData[NODE_NAME]?.[0];
	return {
		run,
		outputs: (nodeRun?.data?.main ?? []).map((items) => items ?? []),
		error: (nodeRun?.error ?? run.data.resultData.error) as (Error & IDataObject) | undefined,
	};
}

/** Everything a run put out, as one string: to scan for secrets. */
export function everythingEmitted(result: RunResult): string {
	return JSON.stringify(result.run, (_key, value: unknown) =>
		value instanceof Error
			? {
					...value,
					message: value.message,
					stack: value.stack,
					cause: (value as { cause?: unknown }).cause,
				}
			: value,
	);
}
