import {
	type IDataObject,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IPollFunctions,
	NodeConnectionTypes,
	NodeOperationError,
} from 'n8n-workflow';

import { FORM_RESPONSES, formIdProperty } from '../Bento/actions/form/getResponses.operation';
import { readEntries } from '../Bento/actions/library.common';
import { readBatchOptions, requestOptions } from '../Bento/engines/options';
import { BentoTransport } from '../Bento/transport';
import { type FormMemory, pickNewResponses } from './formResponses';

// A second node (and so its own folder, by n8n's naming rule) rather than a mode of Bento Trigger: n8n registers a node's webhooks and its
// poll schedule from the node type alone, whatever its parameters, so one node that did both
// would listen and poll at once (and show both a test URL and "Fetch Test Event").

export class BentoFormResponseTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Bento Form Response Trigger',
		name: 'bentoFormResponseTrigger',
		icon: { light: 'file:../../icons/bento.svg', dark: 'file:../../icons/bento.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ "New response: " + $parameter["formId"] }}',
		description: 'Starts the workflow when a Bento form gets a new response (checks on a schedule)',
		defaults: { name: 'Bento Form Response Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'bentoApi', required: true }],
		properties: [
			formIdProperty,
			{
				displayName: 'Include Existing Responses',
				name: 'includeExistingResponses',
				type: 'boolean',
				default: false,
				description:
					'Whether the first check after activation delivers the responses already there. Off: it only notes them, and later checks deliver what is new.',
			},
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const formId = String(this.getNodeParameter('formId', '')).trim();
		if (formId === '') throw new NodeOperationError(this.getNode(), 'Form ID is required');
		const transport = await BentoTransport.forExecution(this, readBatchOptions({}, requestOptions));
		// The same read as Form → Get Responses with Return All.
		const listing = await readEntries(transport, FORM_RESPONSES, {
			qs: { id: formId },
			returnAll: true,
			limit: 0,
		});

		// "Fetch Test Event" in the editor: show one response, remember nothing.
		if (this.getMode() === 'manual') {
			const last = listing[listing.length - 1];
			return last ? [[{ json: last }]] : null;
		}

		const memory = this.getWorkflowStaticData('node') as FormMemory & IDataObject;
		let result;
		try {
			result = pickNewResponses(
				formId,
				listing,
				memory,
				this.getNodeParameter('includeExistingResponses', false) as boolean,
			);
		} catch (error) {
			throw new NodeOperationError(this.getNode(), (error as Error).message);
		}
		// n8n saves the static data after the poll: assign in place, it watches this object.
		Object.assign(memory, result.memory);
		if (result.fresh.length === 0) return null;
		return [result.fresh.map((json) => ({ json }))];
	}
}
