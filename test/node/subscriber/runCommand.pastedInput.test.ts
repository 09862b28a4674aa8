// Run Command with an AI agent's arguments and pasted addresses (issue 31, items 2-4).
import nock from 'nock';

import { mockBatch } from '../../helpers/mockAudience';
import { runBentoNode } from '../../helpers/runNode';

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

const fast = { maxRetries: 0 };
const rl = (value: string) => ({ __rl: true, mode: 'name', value });

describe('Run Command', () => {
	it('Define Below: a JSON array of tags is one command per tag; a pasted address its address', async () => {
		const { requests } = mockBatch('/fetch/commands', 'command');
		const { outputs, error } = await runBentoNode({
			parameters: {
				resource: 'subscriber',
				operation: 'runCommand',
				mappingMode: 'defineBelow',
				command: 'add_tag',
				email: '={{ $json.mail }}',
				tag: rl('={{ $json.tags }}'),
				options: fast,
			},
			items: [
				{ mail: 'Ann Lee <ann@example.com>', tags: '["vip","customer"]' },
				{ mail: 'mailto:bob@example.com', tags: ['lead'] },
			],
		});
		expect(error).toBeUndefined();
		expect(requests[0].body).toEqual({
			command: [
				{ command: 'add_tag', email: 'ann@example.com', query: 'vip' },
				{ command: 'add_tag', email: 'ann@example.com', query: 'customer' },
				{ command: 'add_tag', email: 'bob@example.com', query: 'lead' },
			],
		});
		expect(outputs[0].map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 0 }, { item: 1 }]);
	});

	it('Map Automatically: BOM-led keys, a real array and its JSON text alike', async () => {
		const { requests } = mockBatch('/fetch/commands', 'command');
		const { outputs } = await runBentoNode({
			parameters: {
				resource: 'subscriber',
				operation: 'runCommand',
				mappingMode: 'autoMapInputData',
				options: fast,
			},
			items: [
				{ '\ufeffcommand': 'remove_tag', email: '<ann@example.com>', query: ['a', 'b'] },
				{ command: 'remove_tag', email: 'ann@example.com', query: '["a","b"]' },
				{ command: 'change_email', email: 'ann@example.com', query: '["x@example.com"]' },
				{ command: 'add_tag', email: 'ann@example.com', query: '[]' },
			],
			onError: 'continueErrorOutput',
		});
		const remove = (query: string) => ({ command: 'remove_tag', email: 'ann@example.com', query });
		expect(requests[0].body).toEqual({
			command: [remove('a'), remove('b'), remove('a'), remove('b')],
		});
		expect(outputs[1].map((o) => o.json.error)).toEqual([
			'Item 2: query is a list (a JSON array of 1: "x@example.com"): it takes one address per item; make one item per address (e.g. with n8n\'s Split Out node)',
			'Item 3: query is an empty list: give at least one name',
		]);
	});
});
