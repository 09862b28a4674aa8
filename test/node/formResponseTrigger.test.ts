import nock from 'nock';

import { MAX_REMEMBERED } from '../../nodes/BentoFormResponseTrigger/formResponses';
import { mockEndpoint, type Recorded, type Reply } from '../helpers/mockEndpoint';
import { expectQuery } from '../helpers/mockLibrary';
import { formTrigger } from '../helpers/runTrigger';

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

const response = (n: number) => ({
	id: `r${n}`,
	type: 'responses',
	attributes: { uuid: `u${n}`, data: { email: `p${n}@example.com` } },
});

/** Bento's answer with responses `ids`, as one unpaged list (page 2 repeats page 1). */
function listing(ids: number[]): Reply {
	return [200, { data: ids.map(response) }];
}

/** A stand-in whose form holds `current()` responses; records what was asked. */
function mockForm(current: () => number[]) {
	return mockEndpoint('GET', '/fetch/responses', () => listing(current()));
}

const jsonOf = (output: Awaited<ReturnType<ReturnType<typeof formTrigger>['poll']>>) =>
	output?.[0].map((item) => item.json.id);

describe('Bento Form Response Trigger: poll()', () => {
	it('first poll learns, later polls deliver each new response once', async () => {
		let ids = [1, 2];
		const { requests } = mockForm(() => ids);
		const trigger = formTrigger({ formId: 'newsletter' });

		expect(await trigger.poll()).toBeNull();
		ids = [1, 2, 3];
		const second = await trigger.poll();
		expect(second).toEqual([
			[{ json: { id: 'r3', uuid: 'u3', data: { email: 'p3@example.com' } } }],
		]);
		expect(await trigger.poll()).toBeNull();
		ids = [1, 2, 3, 4, 5];
		expect(jsonOf(await trigger.poll())).toEqual(['r4', 'r5']);

		// Every request went through the transport: the form id, site_uuid once, Basic auth.
		for (const request of requests)
			expectQuery(request, { id: 'newsletter', page: request.query.page });
		expect(requests[0].query.page).toBe('1');
	});

	it('Include Existing Responses: the first poll delivers what is there', async () => {
		mockForm(() => [1, 2]);
		const trigger = formTrigger({ formId: 'newsletter', includeExistingResponses: true });
		expect(jsonOf(await trigger.poll())).toEqual(['r1', 'r2']);
		expect(await trigger.poll()).toBeNull();
	});

	it('reads every page when Bento pages the list', async () => {
		const pages: Record<string, number[]> = { '1': [1, 2], '2': [3], '3': [] };
		const { requests } = mockEndpoint('GET', '/fetch/responses', (request: Recorded) =>
			listing(pages[request.query.page] ?? []),
		);
		const trigger = formTrigger({ formId: 'f', includeExistingResponses: true });
		expect(jsonOf(await trigger.poll())).toEqual(['r1', 'r2', 'r3']);
		expect(requests.map((r) => r.query.page)).toEqual(['1', '2', '3']);
	});

	it("a changed Form ID starts afresh instead of delivering the other form's history", async () => {
		mockEndpoint('GET', '/fetch/responses', (request: Recorded) =>
			listing(request.query.id === 'a' ? [1] : [7, 8]),
		);
		const parameters = { formId: 'a' };
		const trigger = formTrigger(parameters);
		expect(await trigger.poll()).toBeNull();
		expect(trigger.staticData()).toEqual({
			'node:Bento Form Response Trigger': { formId: 'a', seenIds: ['r1'] },
		});
		parameters.formId = 'b';
		expect(await trigger.poll()).toBeNull();
		expect(trigger.staticData()).toEqual({
			'node:Bento Form Response Trigger': { formId: 'b', seenIds: ['r7', 'r8'] },
		});
	});

	it('"Fetch Test Event" shows one response and remembers nothing', async () => {
		mockForm(() => [1, 2]);
		const trigger = formTrigger({ formId: 'newsletter' });
		expect(jsonOf(await trigger.poll('manual'))).toEqual(['r2']);
		expect(trigger.staticData()).toEqual({});
		expect(await trigger.poll()).toBeNull();
	});

	it("a Bento failure is the poll's error, and the memory is kept", async () => {
		let fail = false;
		mockEndpoint('GET', '/fetch/responses', () =>
			fail ? [401, { error: 'bad key' }] : listing([1]),
		);
		const trigger = formTrigger({ formId: 'newsletter' });
		await trigger.poll();
		fail = true;
		await expect(trigger.poll()).rejects.toThrow(/401|[Aa]uthori/);
		fail = false;
		expect(await trigger.poll()).toBeNull();
	});

	it('a form listing more responses than it can remember is an error, not a flood', async () => {
		const many = Array.from({ length: MAX_REMEMBERED + 1 }, (_, i) => i);
		mockForm(() => many);
		await expect(formTrigger({ formId: 'huge' }).poll()).rejects.toThrow(
			`The form lists ${MAX_REMEMBERED + 1} responses; the trigger can remember ${MAX_REMEMBERED}`,
		);
	});

	it('an empty Form ID is refused before any request', async () => {
		const { requests } = mockForm(() => [1]);
		await expect(formTrigger({ formId: ' ' }).poll()).rejects.toThrow('Form ID is required');
		expect(requests).toHaveLength(0);
	});
});
