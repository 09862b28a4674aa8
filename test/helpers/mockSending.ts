import { type Body, mockEndpoint, type Recorded as RecordedAny, type Step } from './mockEndpoint';

export type { Step } from './mockEndpoint';

/** A request as mockBento records it: the body is `{}` when none was sent. */
export type Recorded = RecordedAny<Body>;

/**
 * Intercepts `method path` on Bento's host (mockEndpoint). Request n takes `steps[n]` (the last
 * one repeats); without steps it answers `answer(body, query)`. Records every request.
 */
export function mockBento(
	method: 'GET' | 'POST',
	path: string,
	steps: Step[] = [],
	answer: (body: Body, query: Record<string, string>) => unknown = () => ({}),
) {
	return mockEndpoint<Body>(
		method,
		path,
		(request, n) =>
			steps[Math.min(n, steps.length - 1)] ?? [200, answer(request.body, request.query)],
		(sent) => (sent || {}) as Body,
	);
}

/** Bento's answer to POST /batch/emails: how many it queued. */
export const queued = (body: Record<string, unknown>) => ({
	results: (body.emails as unknown[]).length,
});
