import nock from 'nock';

import { mockEndpoint } from '../helpers/mockEndpoint';
import { runBentoNode } from '../helpers/runNode';

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

const returnAll = { resource: 'workflow', operation: 'getAll', returnAll: true };
const entry = (name: string, id?: string) => ({
	...(id === undefined ? {} : { id }),
	type: 'workflows',
	attributes: { name },
});

describe('Return All stops on a repeated page', () => {
	it.each<[string, (page: number) => unknown[], number, string[]]>([
		// A server that ignores `page`, whose entries have no id: stop after the second page.
		['no ids, page ignored', () => [entry('A'), entry('B')], 2, ['A', 'B']],
		['ids, page ignored', () => [entry('A', '1'), entry('B', '2')], 2, ['A', 'B']],
		// Pages 1, 2, then page 1 again: the repeat of an earlier page, not only of the last.
		[
			'no ids, a cycle of two pages',
			(page) => (page % 2 === 1 ? [entry('A'), entry('B')] : [entry('C')]),
			3,
			['A', 'B', 'C'],
		],
		// Different pages whose first entries look alike are not a repeat.
		[
			'no ids, pages that differ after the first entry',
			(page) => (page <= 3 ? [entry('same'), entry(`p${page}`)] : []),
			4,
			['same', 'p1', 'same', 'p2', 'same', 'p3'],
		],
	])('%s', async (_what, pageOf, requestCount, names) => {
		const { requests } = mockEndpoint('GET', '/fetch/workflows', (request) => [
			200,
			{ data: pageOf(Number(request.query.page)) },
		]);
		const { outputs, error } = await runBentoNode({ parameters: returnAll, items: [{}] });
		expect(error).toBeUndefined();
		expect(requests.map((r) => r.query.page)).toEqual(
			Array.from({ length: requestCount }, (_, i) => String(i + 1)),
		);
		expect(outputs[0].map((i) => i.json.name)).toEqual(names);
	});
});
