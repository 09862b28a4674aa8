// Types of rateLimit.js for the TypeScript tests and the benchmark.
export type RateLimitShape = 'from-first' | 'clock' | 'sliding' | 'block';

export interface RateLimit {
	limit: number;
	windowMs: number;
	shape?: RateLimitShape;
	retryAfter?: number | string;
	/** sliding: refused requests hold a place in the window too. */
	countRefused?: boolean;
	/** block: how long the request past the limit blocks every request (ms; default windowMs). */
	blockMs?: number;
}

/** One window of the stand-in's request log, aligned to the clock. */
export interface RequestWindow {
	start: number;
	requests: number;
	accepted: number;
	refused: number;
	/** Arrival (ms) of the window's first and last request. */
	first: number;
	last: number;
}

export const SHAPES: RateLimitShape[];
export function createLimiter(config: RateLimit): {
	shape: RateLimitShape;
	check(at: number): { allowed: boolean; retryAfter?: string };
};
export function perWindow(
	requests: Array<{ at: number; status: number | string }>,
	windowMs: number,
): RequestWindow[];
