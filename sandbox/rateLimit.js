'use strict';
// The stand-in's rate limiters: three shapes of "at most `limit` requests per `windowMs`", so
// that the node can be tried against each way a server may count. Pure: every call is given the
// server's time, so tests can drive them with a fake clock.
//
//   from-first (the default, and the stand-in's original shape): a window opens at the first
//     request after the previous one ended; every request counts, refused ones too.
//   clock: fixed windows aligned to the server's clock (a per-minute limit resets at each minute
//     of Date.now(); windowMs 10000 resets at each multiple of 10 s); every request counts,
//     refused ones too; no Retry-After unless asked for. This is how Rails' usual limiter
//     (Rack::Attack's throttle) counts, and Bento's API has the shapes of a Rails app.
//   sliding: a true sliding log: at most `limit` ACCEPTED requests in any trailing `windowMs`;
//     refused requests do not count. With `countRefused: true`, at most `limit` requests of any
//     kind: a refused request holds a place for a whole window too (a Redis sorted-set limiter
//     that adds every request before it counts them).
//   block: a window opens at the first request (as from-first); the request past `limit`
//     blocks the client for `blockMs` (default `windowMs`) from then, every request refused
//     meanwhile without lengthening the block; after it the count starts again (a limiter with
//     a block duration, as rate-limiter-flexible's blockDuration or an API gateway's ban).
// Each gives the whole budget back after `windowMs` (and the block) without a request.

const SHAPES = ['from-first', 'clock', 'sliding', 'block'];

/**
 * A limiter for `config` = { limit, windowMs, shape?, retryAfter?, countRefused? (sliding),
 * blockMs? (block) }. retryAfter: undefined (no
 * header), a number or string (sent as it is), or 'auto' (the whole seconds until a request
 * would be accepted, as the limiter knows it). Returns { shape, check(at) } where check(at: ms
 * on the server's clock) answers { allowed: boolean, retryAfter?: string } and counts the
 * request. Throws on an unknown shape or a limit/window that is not a positive number.
 */
function createLimiter(config) {
	const shape = config.shape ?? 'from-first';
	if (!SHAPES.includes(shape))
		throw new Error(`Unknown rate-limit shape ${JSON.stringify(shape)} (${SHAPES.join(', ')})`);
	const { limit, windowMs } = config;
	if (!(limit > 0) || !(windowMs > 0))
		throw new Error('A rate limit needs a positive `limit` and `windowMs`');
	if (config.blockMs !== undefined && !(config.blockMs > 0))
		throw new Error('A block limiter needs a positive `blockMs`');
	const decide = { 'from-first': fromFirst, clock, sliding, block }[shape](limit, windowMs, config);
	return {
		shape,
		check(at) {
			const { allowed, waitMs } = decide(at);
			if (allowed || config.retryAfter === undefined) return { allowed };
			const retryAfter =
				config.retryAfter === 'auto'
					? String(Math.max(1, Math.ceil(waitMs / 1000)))
					: String(config.retryAfter);
			return { allowed, retryAfter };
		},
	};
}

function fromFirst(limit, windowMs) {
	let start = -Infinity;
	let count = 0;
	return (at) => {
		if (at - start >= windowMs) {
			start = at;
			count = 0;
		}
		count += 1;
		return { allowed: count <= limit, waitMs: start + windowMs - at };
	};
}

function clock(limit, windowMs) {
	let index;
	let count = 0;
	return (at) => {
		const now = Math.floor(at / windowMs);
		if (now !== index) {
			index = now;
			count = 0;
		}
		count += 1;
		return { allowed: count <= limit, waitMs: (now + 1) * windowMs - at };
	};
}

function sliding(limit, windowMs, { countRefused = false }) {
	// Times of the counted requests in the trailing window, oldest first.
	const log = [];
	return (at) => {
		while (log.length && log[0] <= at - windowMs) log.shift();
		const allowed = log.length < limit;
		if (allowed || countRefused) log.push(at);
		if (allowed) return { allowed };
		return { allowed, waitMs: log[log.length - limit] + windowMs - at };
	};
}

function block(limit, windowMs, { blockMs = windowMs }) {
	let start = -Infinity;
	let count = 0;
	let blockedUntil = -Infinity;
	return (at) => {
		if (at < blockedUntil) return { allowed: false, waitMs: blockedUntil - at };
		if (at - start >= windowMs || count > limit) {
			start = at;
			count = 0;
		}
		count += 1;
		if (count <= limit) return { allowed: true };
		blockedUntil = at + blockMs;
		return { allowed: false, waitMs: blockMs };
	};
}

/**
 * The request log cut into windows aligned to the clock: [{ start (ms), requests, accepted,
 * refused, first, last }] for each window of `windowMs` that saw a request, oldest first.
 * `accepted` counts answers below 400, `refused` 429s; first and last are the arrival times (ms)
 * of its first and last request. `requests` is the stand-in's log ({ at, status }).
 */
function perWindow(requests, windowMs) {
	const windows = new Map();
	for (const r of requests) {
		const start = Math.floor(r.at / windowMs) * windowMs;
		let w = windows.get(start);
		if (!w) {
			w = { start, requests: 0, accepted: 0, refused: 0, first: r.at, last: r.at };
			windows.set(start, w);
		}
		w.requests += 1;
		w.first = Math.min(w.first, r.at);
		w.last = Math.max(w.last, r.at);
		if (r.status === 429) w.refused += 1;
		else if (typeof r.status === 'number' && r.status < 400) w.accepted += 1;
	}
	return [...windows.values()].sort((a, b) => a.start - b.start);
}

module.exports = { SHAPES, createLimiter, perWindow };
