import type { Clock } from './clock';

/**
 * Spaces request starts evenly so that one execution stays under a requests-per-minute
 * limit. One instance per execution: no state outlives it (queue-mode workers share nothing).
 */
export class Pacer {
	private nextStart = 0;

	private readonly intervalMs: number;

	constructor(
		requestsPerMinute: number,
		private readonly clock: Clock,
	) {
		this.intervalMs = requestsPerMinute > 0 ? 60_000 / requestsPerMinute : 0;
	}

	async beforeRequest(signal?: AbortSignal): Promise<void> {
		if (this.intervalMs === 0) return;
		const now = this.clock.now();
		const start = Math.max(now, this.nextStart);
		this.nextStart = start + this.intervalMs;
		await this.clock.wait(start - now, signal);
	}
}
