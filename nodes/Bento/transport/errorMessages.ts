const STATUS_HELP: Record<number, string> = {
	400: 'Bento rejected the request body as invalid.',
	401: 'Bento did not accept the credentials: check the publishable key, secret key and site UUID.',
	403: 'Bento blocked the request: check that the account is active and that nothing between n8n and Bento replaces the User-Agent.',
	404: 'Bento has no such endpoint: check the Base URL in the credential.',
	422: 'Bento refused the request under one of its rules.',
	429: 'Bento is rate limiting these requests.',
};

function statusHelp(status: number): string {
	if (STATUS_HELP[status]) return STATUS_HELP[status];
	return status >= 500 ? 'Bento or its infrastructure had an error.' : 'Bento refused the request.';
}

/** Bento's own words from an error body: `{error}`, `{errors: [{field, message}]}` or `{message}`. */
export function bentoErrorText(body: unknown): string | undefined {
	if (typeof body === 'string') {
		const text = body.trim();
		// HTML pages (a 403 from the edge) carry nothing a user can act on.
		return text === '' || text.startsWith('<') ? undefined : text.slice(0, 500);
	}
	if (typeof body !== 'object' || body === null) return undefined;
	const { error, errors, message } = body as {
		error?: unknown;
		errors?: unknown;
		message?: unknown;
	};
	if (typeof error === 'string') return error;
	if (Array.isArray(errors)) {
		const parts = errors.map((entry) => {
			if (typeof entry === 'string') return entry;
			const { field, message: text } = (entry ?? {}) as { field?: unknown; message?: unknown };
			return field ? `${String(field)}: ${String(text)}` : String(text);
		});
		if (parts.length > 0) return parts.join('; ');
	}
	return typeof message === 'string' ? message : undefined;
}

export function httpFailureText(
	status: number,
	body: unknown,
): { message: string; description: string } {
	const own = bentoErrorText(body);
	return {
		message: `Bento answered ${status}${own ? `: ${own}` : ''}`,
		description: statusHelp(status),
	};
}
