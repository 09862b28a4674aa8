import {
	MAX_REMEMBERED,
	pickNewResponses,
} from '../../nodes/BentoFormResponseTrigger/formResponses';

const r = (id: string) => ({ id, uuid: `u-${id}` });

describe('pickNewResponses', () => {
	it('first poll: nothing new unless asked, everything listed remembered', () => {
		expect(pickNewResponses('f', [r('1'), r('2')], {}, false)).toEqual({
			fresh: [],
			memory: { formId: 'f', seenIds: ['1', '2'] },
		});
		expect(pickNewResponses('f', [r('1')], {}, true).fresh).toEqual([r('1')]);
	});

	it('later polls: only ids not seen; a response listed twice goes out once', () => {
		const memory = { formId: 'f', seenIds: ['1'] };
		const { fresh, memory: next } = pickNewResponses('f', [r('1'), r('2'), r('2')], memory, false);
		expect(fresh).toEqual([r('2')]);
		expect(next.seenIds).toEqual(['1', '2']);
	});

	it('an id that leaves the listing is still remembered (a response that comes back is not new)', () => {
		const first = pickNewResponses('f', [r('1'), r('2')], {}, false).memory;
		const second = pickNewResponses('f', [r('2')], first, false);
		expect(second.memory.seenIds).toEqual(['1', '2']);
		expect(pickNewResponses('f', [r('1'), r('2')], second.memory, false).fresh).toEqual([]);
	});

	it('bounded: ids no longer listed are forgotten first', () => {
		const old = Array.from({ length: MAX_REMEMBERED }, (_, i) => `old${i}`);
		const { memory } = pickNewResponses('f', [r('new')], { formId: 'f', seenIds: old }, false);
		expect(memory.seenIds).toHaveLength(MAX_REMEMBERED);
		expect(memory.seenIds?.[0]).toBe('old1');
		expect(memory.seenIds?.at(-1)).toBe('new');
	});

	it('a response without id is known by its uuid', () => {
		const { memory } = pickNewResponses('f', [{ uuid: 'only-uuid' }], {}, false);
		expect(memory.seenIds).toEqual(['only-uuid']);
	});
});

describe('responses without id or uuid', () => {
	it('are told apart by their content, not taken for one', () => {
		const a = { data: { email: 'a@example.com' } };
		const b = { data: { email: 'b@example.com' } };
		const first = pickNewResponses('f', [a], { formId: 'f', seenIds: [] }, false);
		expect(first.fresh).toEqual([a]);
		const second = pickNewResponses('f', [a, b], first.memory, false);
		expect(second.fresh).toEqual([b]);
	});
});
