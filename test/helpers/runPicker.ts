// Runs one of the Bento node's pickers (listSearch) through n8n-core's LoadOptionsContext, as the
// editor does when a user opens a resource locator or types in its search.
import { LoadOptionsContext } from 'n8n-core';
import {
	type INode,
	type INodeListSearchResult,
	type INodeTypes,
	type IWorkflowExecuteAdditionalData,
	Workflow,
} from 'n8n-workflow';

import { BentoApi } from '../../credentials/BentoApi.credentials';
import { Bento } from '../../nodes/Bento/Bento.node';
import { TEST_CREDENTIALS, TestCredentialsHelper } from './runNode';

const bento = new Bento();
const nodeTypes: INodeTypes = {
	getByName: () => bento,
	getByNameAndVersion: () => bento,
	getKnownTypes: () => ({}),
};

export type PickerName = keyof typeof bento.methods.listSearch;

/**
 * Calls picker `method` with the search text `filter` and the previous answer's token (typed
 * `unknown` in n8n's answer; the editor hands it back as it came).
 */
export async function searchPicker(
	method: PickerName,
	filter?: string,
	paginationToken?: unknown,
	credentials: Partial<typeof TEST_CREDENTIALS> = {},
): Promise<INodeListSearchResult> {
	const node: INode = {
		id: 'bento-node',
		name: 'Bento',
		type: 'n8n-nodes-bentonow.bento',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
		credentials: { bentoApi: { id: '1', name: 'Bento account' } },
	};
	const workflow = new Workflow({
		id: 'test',
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes,
		settings: {},
	});
	const additionalData = {
		credentialsHelper: new TestCredentialsHelper(
			{ ...TEST_CREDENTIALS, ...credentials },
			new BentoApi(),
		),
		restApiUrl: 'http://127.0.0.1/rest',
		instanceBaseUrl: 'http://127.0.0.1/',
		variables: {},
		userId: 'user',
	} as unknown as IWorkflowExecuteAdditionalData;
	const ctx = new LoadOptionsContext(workflow, node, additionalData, 'parameters.value');
	return await bento.methods.listSearch[method].call(
		ctx,
		filter,
		paginationToken as string | undefined,
	);
}
