const MASK = '[redacted]';

/**
 * Replaces the credential's secrets, and the Basic auth header built from them, in any
 * text the node emits. Error objects from HTTP clients often carry the request config.
 */
export function createRedactor(secrets: Array<string | undefined>): (text: string) => string {
	const values = secrets.filter((s): s is string => typeof s === 'string' && s.length >= 4);
	const [user, password] = secrets;
	if (user && password) values.push(Buffer.from(`${user}:${password}`).toString('base64'));
	// Longest first, so a secret that contains another is masked whole.
	values.sort((a, b) => b.length - a.length);
	return (text) => {
		let result = text;
		for (const value of values) result = result.split(value).join(MASK);
		return result.replace(/Basic\s+[A-Za-z0-9+/=]{8,}/g, `Basic ${MASK}`);
	};
}
