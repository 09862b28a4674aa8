// Bento's documented rate limits, per account (BENTO-API.md, api/access; Bento sends no
// Retry-After). The node's messages are built from these numbers, and test/unit/docs.test.ts
// holds the documentation to them.

/** Requests a minute to /batch, /fetch and /experimental, taken as one budget. */
export const BENTO_REQUESTS_PER_MINUTE = 100;

/** Requests an hour to /stats (another of Bento's pages says about 30). */
export const BENTO_STATS_REQUESTS_PER_HOUR = 60;

/** Data deletion requests a day. */
export const BENTO_DELETIONS_PER_DAY = 1_000;

/** Emails Bento sends a minute, however many are queued (its transactional pace). */
export const BENTO_EMAILS_PER_MINUTE = 60;

/** A count as Bento's docs write it: `1,000`. */
export function countText(count: number): string {
	return count.toLocaleString('en-US');
}
