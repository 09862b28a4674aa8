import nock from 'nock';

import { systemClock } from '../../nodes/Bento/transport/clock';
import { createLimiter, perWindow, type RateLimit } from '../../sandbox/rateLimit';
import { BENTO_ORIGIN } from './mockBento';

/**
 * How the stand-in limits, in the transport's (fake) time: `clock` counts every request,
 * refused ones too, in windows aligned to the clock (Rack::Attack); `sliding` accepts at most
 * `limit` in any trailing window; `retryAfter` refuses the request numbers in `refuse` with the
 * given Retry-After header.
 */
export type LimiterShape =
	| { kind: 'clock'; limit: number; windowMs: number }
	| { kind: 'sliding'; limit: number; windowMs: number }
	| { kind: 'retryAfter'; refuse: number[]; retryAfter: (now: number) => string };

export interface LimitedRequest {
	at: number;
	status: number;
	ids: number[];
}

/**
 * Intercepts POST /batch/events and answers per `shape`, with a `Date` header from the faked
 * clock (whole seconds, as HTTP dates are). Events carry `details.id`; `delivered` counts each.
 */
export function mockLimitedEvents(shape: LimiterShape) {
	const requests: LimitedRequest[] = [];
	const delivered = new Map<number, number>();
	const acceptedAt: number[] = [];
	nock(BENTO_ORIGIN)
		.post('/api/v1/batch/events')
		.query(true)
		.times(Number.MAX_SAFE_INTEGER)
		.reply((_uri, body) => {
			const now = systemClock.now();
			const events = (body as { events: Array<{ details: { id: number } }> }).events;
			const ids = events.map((e) => e.details.id);
			const headers: Record<string, string> = { Date: new Date(now).toUTCString() };
			let refused = false;
			if (shape.kind === 'clock') {
				const windowStart = Math.floor(now / shape.windowMs) * shape.windowMs;
				const inWindow = requests.filter((r) => r.at >= windowStart).length;
				refused = inWindow >= shape.limit;
			} else if (shape.kind === 'sliding') {
				refused = acceptedAt.filter((t) => t > now - shape.windowMs).length >= shape.limit;
			} else if (shape.refuse.includes(requests.length)) {
				refused = true;
				headers['Retry-After'] = shape.retryAfter(now);
			}
			requests.push({ at: now, status: refused ? 429 : 200, ids });
			if (refused) return [429, { error: 'Too many requests' }, headers];
			acceptedAt.push(now);
			for (const id of ids) delivered.set(id, (delivered.get(id) ?? 0) + 1);
			return [200, { results: ids.length, failed: 0 }, headers];
		});
	return {
		requests,
		delivered,
		refusals: () => requests.filter((r) => r.status === 429),
		/** Events delivered other than exactly once, of ids 0..n-1: [lost, duplicated]. */
		lostAndDuplicated(n: number): [number, number] {
			let lost = 0;
			let duplicated = 0;
			for (let id = 0; id < n; id++) {
				const count = delivered.get(id) ?? 0;
				if (count === 0) lost++;
				if (count > 1) duplicated++;
			}
			return [lost, duplicated];
		},
	};
}

/**
 * One Bento account (its site UUID) behind the stand-in's own limiter (sandbox/rateLimit.js), in
 * the transport's (fake or virtual) time: POST /batch/events answers 200, or 429 with the `Date`
 * header (whole seconds) and the limiter's Retry-After when it is set up to send one. Events carry
 * `details.id`; `delivered` counts each. `windows(ms)` cuts the log into clock-aligned windows.
 */
export function mockStandInAccount(siteUuid: string, limit: RateLimit) {
	const limiter = createLimiter(limit);
	const requests: LimitedRequest[] = [];
	const delivered = new Map<number, number>();
	nock(BENTO_ORIGIN)
		.post('/api/v1/batch/events')
		.query((qs) => qs.site_uuid === siteUuid)
		.times(Number.MAX_SAFE_INTEGER)
		.reply((_uri, body) => {
			const now = systemClock.now();
			const ids = (body as { events: Array<{ details: { id: number } }> }).events.map(
				(e) => e.details.id,
			);
			const { allowed, retryAfter } = limiter.check(now);
			const headers: Record<string, string> = { Date: new Date(now).toUTCString() };
			requests.push({ at: now, status: allowed ? 200 : 429, ids });
			if (!allowed) {
				if (retryAfter !== undefined) headers['Retry-After'] = retryAfter;
				return [429, { error: 'Too many requests' }, headers];
			}
			for (const id of ids) delivered.set(id, (delivered.get(id) ?? 0) + 1);
			return [200, { results: ids.length, failed: 0 }, headers];
		});
	return {
		requests,
		delivered,
		windows: (windowMs: number) => perWindow(requests, windowMs),
		/** Ids in `ids` delivered other than exactly once: [lost, duplicated]. */
		lostAndDuplicated(ids: Iterable<number>): [number, number] {
			let lost = 0;
			let duplicated = 0;
			for (const id of ids) {
				const count = delivered.get(id) ?? 0;
				if (count === 0) lost++;
				if (count > 1) duplicated++;
			}
			return [lost, duplicated];
		},
	};
}
