/**
 * One of Bento's rate limits. Bento documents (api/access): 100 requests a minute for /batch,
 * /fetch and /experimental, 60 an hour for /stats (another page: about 30), 1,000 a day for data
 * deletion requests; no Retry-After header. Which requests count together is not documented:
 * every path outside the hourly and daily ones is taken as one per-minute budget.
 */
export interface RateLimitFamily {
	key: 'minute' | 'hour' | 'day';
	/** "a minute", for "its window resets within a minute". */
	window: string;
	windowMs: number;
	/** The limit as Bento documents it, for messages: "100 requests a minute". */
	documented: string;
}

const MINUTE: RateLimitFamily = {
	key: 'minute',
	window: 'a minute',
	windowMs: 60_000,
	documented: 'Bento allows 100 requests a minute per account (/batch, /fetch, /experimental)',
};
const HOUR: RateLimitFamily = {
	key: 'hour',
	window: 'an hour',
	windowMs: 3_600_000,
	documented: 'Bento allows about 60 requests an hour to /stats (some pages say 30)',
};
const DAY: RateLimitFamily = {
	key: 'day',
	window: 'a day',
	windowMs: 86_400_000,
	documented: 'Bento allows 1,000 data deletion requests a day',
};

/** The limit an endpoint (path below the API root, e.g. `/stats/site`) counts against. */
export function rateLimitFamilyOf(endpoint: string): RateLimitFamily {
	if (endpoint.startsWith('/stats')) return HOUR;
	if (endpoint.startsWith('/data_deletion_requests')) return DAY;
	return MINUTE;
}

/**
 * "Bento allows ... Try again after 14:03:00 UTC.": for a wait not slept through. `retryAt` is
 * a local time (ms); `guessed` when nothing told it.
 */
export function rateLimitAdvice(family: RateLimitFamily, retryAt: number, guessed = false): string {
	if (guessed)
		return `${family.documented}. Its window resets within ${family.window}: try again later.`;
	const at = new Date(Math.ceil(retryAt / 1000) * 1000).toISOString().slice(11, 19);
	return `${family.documented}. Try again after ${at} UTC.`;
}
