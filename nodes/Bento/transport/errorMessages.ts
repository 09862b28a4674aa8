const STATUS_HELP: Record<number, string> = {
	400: 'Bento rejected the request body as invalid.',
	401: 'Bento did not accept the credentials: check the publishable key, secret key and site UUID.',
	403: 'Bento blocked the request: check that the account is active and that nothing between n8n and Bento replaces the User-Agent.',
	404: 'Bento has no such endpoint: check the Base URL in the credential.',
	413: 'Bento refused the request as too large and took nothing from it.',
	422: 'Bento refused the request under one of its rules.',
	429: 'Bento is rate limiting these requests.',
};

// HTTP's reason phrases (RFC 9110), said when an answer has no body to quote.
const STATUS_TEXT: Record<number, string> = {
	400: 'Bad Request',
	401: 'Unauthorized',
	403: 'Forbidden',
	404: 'Not Found',
	405: 'Method Not Allowed',
	408: 'Request Timeout',
	409: 'Conflict',
	410: 'Gone',
	413: 'Payload Too Large',
	415: 'Unsupported Media Type',
	422: 'Unprocessable Entity',
	429: 'Too Many Requests',
	500: 'Internal Server Error',
	502: 'Bad Gateway',
	503: 'Service Unavailable',
	504: 'Gateway Timeout',
};

type Redact = (text: string) => string;
const same: Redact = (text) => text;

/** The longest quote of an error body, in characters; an HTML page gets a shorter excerpt. */
export const MAX_ERROR_TEXT = 500;
export const MAX_HTML_EXCERPT = 200;

function statusHelp(status: number): string {
	if (STATUS_HELP[status]) return STATUS_HELP[status];
	return status >= 500 ? 'Bento or its infrastructure had an error.' : 'Bento refused the request.';
}

/** `text` on one line, cut at a word to at most `max` characters. */
function oneLine(text: string, max = MAX_ERROR_TEXT): string {
	const flat = text.replace(/\s+/g, ' ').trim();
	if (flat.length <= max) return flat;
	const cut = flat.slice(0, max - 1);
	const space = cut.lastIndexOf(' ');
	return `${space > max / 2 ? cut.slice(0, space) : cut}…`;
}

/** The visible words of an HTML page: its body's text, else its title. */
function htmlExcerpt(html: string): string {
	const page = html.replace(/<(script|style|head)\b[\s\S]*?<\/\1\s*>/gi, ' ');
	const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', nbsp: ' ' };
	const words = page
		.replace(/<[^>]*>/g, ' ')
		.replace(/&(amp|lt|gt|quot|nbsp|#39);/g, (_, name: string) => entities[name] ?? "'");
	const title = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(html)?.[1] ?? '';
	return oneLine(words.trim() === '' ? title : words, MAX_HTML_EXCERPT);
}

const text = (value: unknown): string | undefined =>
	typeof value === 'string' && value.trim() !== ''
		? value.trim()
		: typeof value === 'number' || typeof value === 'boolean'
			? String(value)
			: undefined;

/** One entry of an `errors` list: a string, `{field, message}` or JSON:API's `{title, detail, source}`. */
function entryText(entry: unknown): string | undefined {
	if (typeof entry !== 'object' || entry === null) return text(entry);
	const { field, attribute, source, title, detail, message, error, code } = entry as Record<
		string,
		unknown
	>;
	const { pointer, parameter } = (source ?? {}) as Record<string, unknown>;
	const where = text(field) ?? text(attribute) ?? text(parameter) ?? text(pointer);
	const head = text(title);
	const body = text(detail) ?? text(message) ?? objectText(error);
	// JSON:API's detail often repeats its title ("Invalid email" / "Invalid email: x@").
	const words =
		head && body && !body.toLowerCase().includes(head.toLowerCase())
			? `${head}: ${body}`
			: (body ?? head ?? text(code));
	if (!words) return undefined;
	return where ? `${where}: ${words}` : words;
}

/** Rails' errors hash: `{email: ["is invalid"], base: ["Site is locked"]}`. */
function hashText(errors: Record<string, unknown>): string | undefined {
	const parts = Object.entries(errors).map(([field, messages]) => {
		const list = (Array.isArray(messages) ? messages : [messages])
			.map((m) => entryText(m))
			.filter((m): m is string => m !== undefined);
		if (list.length === 0) return undefined;
		return field === 'base' ? list.join(', ') : `${field}: ${list.join(', ')}`;
	});
	const found = parts.filter((p): p is string => p !== undefined);
	return found.length > 0 ? found.join('; ') : undefined;
}

function objectText(value: unknown): string | undefined {
	if (typeof value !== 'object' || value === null) return text(value);
	if (Array.isArray(value)) return listText(value);
	const body = value as Record<string, unknown>;
	const { error, errors, message, error_description: described, detail, title } = body;
	const nested = (error ?? {}) as Record<string, unknown>;
	const said = objectText(error) ?? text(nested.code) ?? text(nested.type);
	const parts = [
		said && text(described) ? `${said}: ${text(described)}` : (said ?? text(described)),
		Array.isArray(errors)
			? listText(errors)
			: typeof errors === 'object' && errors !== null
				? hashText(errors as Record<string, unknown>)
				: text(errors),
		text(message),
	].filter((p): p is string => p !== undefined);
	// Keep each different thing said once: `{error, message}` often says one thing twice.
	const unique = parts.filter((p, i) => !parts.slice(0, i).some((q) => q.includes(p)));
	if (unique.length > 0) return unique.join('; ');
	return entryText({ title, detail });
}

function listText(list: unknown[]): string | undefined {
	const parts = list.map(entryText).filter((p): p is string => p !== undefined);
	return parts.length > 0 ? parts.join('; ') : undefined;
}

/** `value` with keys masked in its strings; as it is when it cannot be written as JSON. */
function maskedObject(value: object, redact: Redact): unknown {
	try {
		return JSON.parse(redact(JSON.stringify(value))) as unknown;
	} catch {
		return value;
	}
}

/**
 * Bento's own words from an error body, on one line, at most MAX_ERROR_TEXT characters. Reads
 * the shapes Rails APIs and the proxies in front of them answer with: `{error}` (a string, or
 * an object with `message`), `{error, error_description}` (OAuth), `{message}`, `{errors: [...]}`
 * (strings, `{field, message}` or JSON:API's `{title, detail, source}`), `{errors: {field:
 * [messages]}}` (Rails), a JSON text of any of these, plain text, and an HTML page (a short
 * excerpt of its words). Any other JSON is quoted as it is; undefined only for an empty body.
 * `redact` masks keys in the body before it is cut (a server may echo a key back; a cut made
 * first could leave part of one that no longer matches).
 */
export function bentoErrorText(body: unknown, redact: Redact = same): string | undefined {
	let value = Buffer.isBuffer(body) ? body.toString('utf8') : body;
	if (typeof value === 'object' && value !== null) {
		value = maskedObject(value, redact);
	}
	if (typeof value === 'string') {
		const trimmed = redact(value).trim();
		if (trimmed === '') return undefined;
		if (/^[[{]/.test(trimmed)) {
			try {
				value = JSON.parse(trimmed) as unknown;
			} catch {
				return oneLine(trimmed);
			}
		} else if (/^<(!doctype|html|head|body|\?xml)|<\/\w+>/i.test(trimmed)) {
			return htmlExcerpt(trimmed) || undefined;
		} else {
			return oneLine(trimmed);
		}
	}
	if (value === undefined || value === null) return undefined;
	const said = objectText(value);
	if (said !== undefined) return oneLine(said);
	const raw = JSON.stringify(value);
	return raw === undefined || raw === '{}' || raw === '[]' ? undefined : oneLine(raw);
}

/**
 * The message and description for an HTTP failure: `Bento answered 422: <Bento's words>`, or
 * with no words to quote, the status's reason phrase (`Bento answered 422 Unprocessable Entity`).
 */
export function httpFailureText(
	status: number,
	body: unknown,
	redact: Redact = same,
): { message: string; description: string } {
	const own = bentoErrorText(body, redact);
	const reason = STATUS_TEXT[status] ?? (status >= 500 ? 'Server Error' : 'Client Error');
	return {
		message: own ? `Bento answered ${status}: ${own}` : `Bento answered ${status} ${reason}`,
		description: statusHelp(status),
	};
}
