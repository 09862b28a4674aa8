import { notFoundVerdict, writeEffect } from '../../nodes/Bento/engines/perItem';

// The one "maybe sent, then 404" rule of every per-item request that accepts a 404.
describe('notFoundVerdict', () => {
	it.each([
		// status, an earlier attempt may have been delivered, method, verdict
		[200, false, 'DELETE', 'answer'],
		[200, true, 'PATCH', 'answer'],
		[404, false, 'DELETE', 'notFound'],
		[404, true, 'DELETE', 'doneBefore'],
		[404, true, 'PATCH', 'notFoundAfterMaybeSent'],
		[404, true, 'POST', 'notFoundAfterMaybeSent'],
		[404, false, 'PATCH', 'notFound'],
		[404, true, 'GET', 'notFound'],
		[404, false, 'GET', 'notFound'],
	] as const)('%i, maybe sent before %s, %s: %s', (status, maybeSentBefore, method, verdict) => {
		expect(notFoundVerdict({ status, maybeSentBefore }, writeEffect(method))).toBe(verdict);
	});

	it('a write that removes its entry whatever its method (an erasure is a POST)', () => {
		expect(notFoundVerdict({ status: 404, maybeSentBefore: true }, 'removes')).toBe('doneBefore');
		expect(notFoundVerdict({ status: 404, maybeSentBefore: false }, 'removes')).toBe('notFound');
	});
});
