'use strict';
// A local stand-in for Bento's API (https://app.bentonow.com/api/v1), for tests, the demo and
// the benchmark. It checks requests the way Bento does (Basic auth, site_uuid, a real
// User-Agent, JSON bodies; each endpoint's shape and limits in routes/), answers like Bento,
// keeps what it accepted, and can play a script of faults and enforce a rate limit. Loopback only.
const http = require('node:http');

const { deliveryOf, recordId, recordsOf } = require('./delivery');
const { createLimiter, perWindow } = require('./rateLimit');
const { MAX_EVENTS } = require('./routes/events');
const modules = require('./routes');
const { isObject, parseForm } = require('./routes/shared');

const API = '/api/v1';
// Generic clients Bento's edge blocks (403, HTML) before the API.
const GENERIC_AGENTS =
	/^(n8n|axios|node|node-fetch|undici|curl|python-requests|got|okhttp|java|go-http-client)(\/|$)/i;

// What nginx answers for a body over its client_max_body_size: nothing of it reaches the app.
const TOO_LARGE_PAGE =
	'<html>\r\n<head><title>413 Request Entity Too Large</title></head>\r\n<body>\r\n<center><h1>413 Request Entity Too Large</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';

const FORBIDDEN_PAGE =
	'<!DOCTYPE html><html><head><title>403 Forbidden</title></head><body><h1>Forbidden</h1><p>Request blocked.</p></body></html>';

/**
 * Starts the stand-in. Options: publishableKey, secretKey, siteUuid, port (0 = random),
 * faults (array, see `setFaults`), rateLimit ({ limit, windowMs, shape?, retryAfter? }: see
 * rateLimit.js; shape 'from-first' (default), 'clock', 'sliding' (countRefused?) or 'block'
 * (blockMs?)), now (the server's clock, () => ms; default Date.now: the limiter, the request log
 * and every answer's Date header read it), maxBodyBytes (a body over it is refused with a 413
 * before anything else, as a proxy in front of an API does; default none), enterprise (whether
 * the account has Bento Enterprise: Subscriber Search answers 403 without it; default false),
 * quiet.
 */
async function startBentoSandbox(options = {}) {
	const keys = {
		publishableKey: options.publishableKey ?? 'pk_sandbox_publishable',
		secretKey: options.secretKey ?? 'sk_sandbox_secret',
		siteUuid: options.siteUuid ?? 'sandbox-site-uuid',
	};
	const expectedAuth = `Basic ${Buffer.from(`${keys.publishableKey}:${keys.secretKey}`).toString('base64')}`;
	const store = {};
	const initStore = () => {
		for (const key of Object.keys(store)) delete store[key];
		for (const m of modules) m.init?.(store);
		store.enterprise = options.enterprise === true;
	};
	initStore();
	const state = {
		requests: [], // { at, method, path, status, events, userAgent, bytes, record? }
		store, // each route module's data: store.events (accepted, in arrival order), store.tags...
		get events() {
			return store.events;
		},
		faults: [...(options.faults ?? [])],
		rateLimit: undefined,
		limiter: undefined,
		maxBodyBytes: options.maxBodyBytes,
	};
	const sockets = new Set();
	// Event number -> when the stand-in first accepted it (see /__sandbox/arrivals).
	const arrivals = new Map();
	const clock = options.now ?? Date.now;
	/** Sets (or with undefined, lifts) the rate limit; a new limiter starts with empty windows. */
	function setRateLimit(limit) {
		state.limiter = limit ? createLimiter(limit) : undefined;
		state.rateLimit = limit;
	}
	setRateLimit(options.rateLimit);

	function send(res, status, body, headers = {}) {
		const text = typeof body === 'string' ? body : JSON.stringify(body);
		const type = typeof body === 'string' ? 'text/html; charset=utf-8' : 'application/json';
		res.writeHead(status, {
			// Node would add a Date too; set here so that it follows the server's (maybe fake) clock.
			Date: new Date(clock()).toUTCString(),
			'Content-Type': type,
			'Content-Length': Buffer.byteLength(text),
			...headers,
		});
		res.end(text);
	}

	function delivery(n, kind = 'events') {
		return deliveryOf(recordsOf(store, kind), n);
	}

	function summary() {
		const byStatus = {};
		// Records any batch route accepted (events, subscribers, commands): each sets entry.events.
		let accepted = 0;
		for (const r of state.requests) {
			byStatus[r.status] = (byStatus[r.status] ?? 0) + 1;
			accepted += r.events;
		}
		const uniqueKeys = new Set();
		let duplicates = 0;
		for (const e of state.events) {
			const key = e.details?.unique?.key;
			if (key === undefined) continue;
			if (uniqueKeys.has(key)) duplicates += 1;
			uniqueKeys.add(key);
		}
		return {
			requests: state.requests.length,
			byStatus,
			events: state.events.length,
			accepted,
			duplicateUniqueKeys: duplicates,
		};
	}

	// Answers for the test/demo control endpoints under /__sandbox (no auth: loopback only).
	function control(req, res, url, body) {
		if (url.pathname === '/__sandbox/state') {
			const limit = Number(url.searchParams.get('events') ?? 20);
			return send(res, 200, {
				...summary(),
				sampleEvents: state.events.slice(0, limit),
				log: state.requests.slice(-50),
			});
		}
		if (url.pathname === '/__sandbox/reset' && req.method === 'POST') {
			state.requests.length = 0;
			arrivals.clear();
			initStore();
			state.faults = [];
			setRateLimit(undefined);
			state.maxBodyBytes = options.maxBodyBytes;
			return send(res, 200, { ok: true });
		}
		if (url.pathname === '/__sandbox/faults' && req.method === 'POST') {
			state.faults = Array.isArray(body) ? body : [];
			return send(res, 200, { ok: true, faults: state.faults.length });
		}
		// {bytes}: bodies over it are refused with a 413; {} lifts the limit.
		if (url.pathname === '/__sandbox/body-limit' && req.method === 'POST') {
			state.maxBodyBytes =
				isObject(body) && Number(body.bytes) > 0 ? Number(body.bytes) : undefined;
			return send(res, 200, { ok: true, bytes: state.maxBodyBytes ?? null });
		}
		// {enabled}: whether the account has Bento Enterprise (Subscriber Search).
		if (url.pathname === '/__sandbox/enterprise' && req.method === 'POST') {
			store.enterprise = isObject(body) && body.enabled === true;
			return send(res, 200, { ok: true, enterprise: store.enterprise });
		}
		if (url.pathname === '/__sandbox/rate-limit' && req.method === 'POST') {
			try {
				setRateLimit(isObject(body) ? body : undefined);
			} catch (error) {
				return send(res, 400, { error: error.message });
			}
			return send(res, 200, { ok: true });
		}
		// ?n=25000&kind=events|subscribers|commands&windowMs=60000: lost and doubled records
		// numbered 0..n-1, and the requests per clock-aligned window.
		// When each event numbered below n was first accepted (ms on the stand-in's clock; null: never).
		if (url.pathname === '/__sandbox/arrivals') {
			const n = Number(url.searchParams.get('n'));
			return send(res, 200, { at: Array.from({ length: n }, (_, id) => arrivals.get(id) ?? null) });
		}
		// Every request since the reset, in arrival order: [at (ms on its clock), status, first
		// record's number or null] (the benchmark's per-window, per-process reading of a run).
		if (url.pathname === '/__sandbox/requests') {
			return send(res, 200, {
				requests: state.requests.map((r) => [r.at, r.status, r.record ?? null]),
			});
		}
		if (url.pathname === '/__sandbox/delivery') {
			const windowMs = Number(url.searchParams.get('windowMs') ?? 60_000);
			return send(res, 200, {
				...delivery(Number(url.searchParams.get('n')), url.searchParams.get('kind') ?? 'events'),
				windows: perWindow(state.requests, windowMs),
			});
		}
		// A form submission on Bento's side: {formId, data} adds one response to that form.
		if (url.pathname === '/__sandbox/form-responses' && req.method === 'POST') {
			if (!isObject(body) || typeof body.formId !== 'string' || !isObject(body.data))
				return send(res, 400, { error: 'Expected {formId, data: {...}}' });
			const list = (store.responses[body.formId] ??= []);
			list.push({ uuid: `r-${body.formId}-${list.length + 1}`, data: body.data });
			return send(res, 200, { ok: true, responses: list.length });
		}
		return send(res, 404, { error: 'Unknown sandbox endpoint' });
	}

	function findRoute(method, path) {
		for (const m of modules) {
			for (const route of m.routes) {
				if (route.method !== method) continue;
				if (typeof route.path === 'string' && route.path === path) return { route, params: [] };
				if (route.path instanceof RegExp) {
					const found = route.path.exec(path);
					if (found) return { route, params: found.slice(1).map(decodeURIComponent) };
				}
			}
		}
		return undefined;
	}

	async function handle(req, res, raw) {
		const url = new URL(req.url, 'http://127.0.0.1');
		const now = clock();
		let parsed;
		try {
			parsed = raw.length ? JSON.parse(raw) : undefined;
		} catch {
			parsed = Symbol.for('invalid');
		}
		if (url.pathname.startsWith('/__sandbox/')) return control(req, res, url, parsed);

		const entry = {
			at: now,
			method: req.method,
			path: url.pathname,
			status: 0,
			events: 0,
			userAgent: req.headers['user-agent'],
		};
		state.requests.push(entry);
		// The number of a batch's first record (sandbox/delivery.js), refused or not: which job sent it.
		if (Array.isArray(parsed?.events)) entry.record = recordId(parsed.events[0]);
		const reply = (status, body, headers) => {
			entry.status = status;
			send(res, status, body, headers);
		};

		entry.bytes = Buffer.byteLength(raw);
		if (state.maxBodyBytes !== undefined && entry.bytes > state.maxBodyBytes)
			return reply(413, TOO_LARGE_PAGE);

		const agent = req.headers['user-agent'];
		if (!agent || GENERIC_AGENTS.test(agent)) return reply(403, FORBIDDEN_PAGE);
		if (req.headers.authorization !== expectedAuth)
			return reply(401, { error: 'Invalid authentication credentials' });
		if (url.searchParams.get('site_uuid') !== keys.siteUuid)
			return reply(401, { error: 'Missing or invalid site_uuid' });
		// Our own check, stricter than Bento: the node must send site_uuid exactly once.
		if (url.searchParams.getAll('site_uuid').length !== 1)
			return reply(400, { error: 'site_uuid given more than once' });

		const fault = state.faults.shift();
		if (fault?.drop && !fault.accept) {
			entry.status = 'dropped';
			return req.socket.destroy();
		}
		if (fault?.status)
			return reply(
				fault.status,
				fault.body ?? { error: `Scripted ${fault.status}` },
				fault.headers,
			);
		if (fault?.delayMs && !fault.accept) {
			await new Promise((r) => setTimeout(r, fault.delayMs));
			// The client gave up waiting: like Bento, do not process a request nobody waits for.
			if (req.socket.destroyed) {
				entry.status = 'timed out';
				return undefined;
			}
		}
		const verdict = state.limiter?.check(now);
		if (verdict && !verdict.allowed) {
			const headers = verdict.retryAfter !== undefined ? { 'Retry-After': verdict.retryAfter } : {};
			return reply(429, { error: 'Too many requests' }, headers);
		}

		const path = url.pathname.startsWith(API) ? url.pathname.slice(API.length) : undefined;
		const match = path === undefined ? undefined : findRoute(req.method, path);
		if (!match) return reply(404, { error: 'Not found' });
		const hasBody = req.method === 'POST' || req.method === 'PATCH' || req.method === 'PUT';
		const contentType = String(req.headers['content-type'] ?? '');
		if (hasBody && raw.length > 0) {
			// Bento's docs show form-encoded bodies for some endpoints (data deletion): Rails reads both.
			if (contentType.startsWith('application/x-www-form-urlencoded')) parsed = parseForm(raw);
			else if (!contentType.startsWith('application/json')) {
				return reply(400, { error: 'Content-Type must be application/json' });
			} else if (parsed === Symbol.for('invalid'))
				return reply(400, { error: 'Body is not valid JSON' });
		}
		const query = Object.fromEntries(url.searchParams);
		const [status, answer] = match.route.handle({
			body: parsed,
			query,
			params: match.params,
			store,
			entry,
			method: req.method,
			contentType: contentType.split(';')[0],
		});
		if (status < 300 && Array.isArray(parsed?.events))
			for (const event of parsed.events) {
				const id = recordId(event);
				if (id !== undefined && !arrivals.has(id)) arrivals.set(id, now);
			}
		// "Accepted, then stalled / dropped": Bento did the work, but the answer never arrives in time.
		if (fault?.accept && fault.drop) {
			entry.status = 'accepted, then dropped';
			return req.socket.destroy();
		}
		if (fault?.accept && fault.delayMs) await new Promise((r) => setTimeout(r, fault.delayMs));
		if (res.destroyed || req.socket.destroyed) {
			entry.status = 'accepted, client gone';
			return undefined;
		}
		return reply(status, answer);
	}

	const server = http.createServer((req, res) => {
		const chunks = [];
		req.on('data', (c) => chunks.push(c));
		req.on('end', () => {
			handle(req, res, Buffer.concat(chunks).toString('utf8')).catch((error) => {
				if (!res.headersSent) send(res, 500, { error: String(error) });
			});
		});
	});
	server.keepAliveTimeout = 5000;
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	await new Promise((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
	const { port } = server.address();

	return {
		port,
		origin: `http://127.0.0.1:${port}`,
		baseUrl: `http://127.0.0.1:${port}${API}`,
		keys,
		state,
		summary,
		/** Serves one more connection (e.g. a TLS socket for a stand-in of Bento's own host). */
		accept(socket) {
			server.emit('connection', socket);
		},
		/**
		 * Faults, one per request in order: {status, body?, headers?} | {drop: true} | {delayMs}
		 * (stall before doing the work) | {accept: true, delayMs} | {accept: true, drop: true}
		 * (do the work, then answer late or drop the connection).
		 */
		setFaults(faults) {
			state.faults = [...faults];
		},
		setRateLimit,
		/** Whether the account has Bento Enterprise (Subscriber Search answers 403 without it). */
		setEnterprise(enabled) {
			store.enterprise = enabled === true;
		},
		/** Bodies over `bytes` are refused with a 413 (undefined: no limit). */
		setMaxBodyBytes(bytes) {
			state.maxBodyBytes = bytes;
		},
		/** Lost and doubled records numbered 0..n-1 of a kind (see delivery.js). */
		delivery,
		/** Requests, accepted and refused (429) per window of `windowMs` aligned to the clock. */
		perWindow: (windowMs) => perWindow(state.requests, windowMs),
		async close() {
			for (const socket of sockets) socket.destroy();
			await new Promise((resolve) => server.close(resolve));
		},
	};
}

module.exports = { startBentoSandbox, MAX_EVENTS };
