import { type IExecuteFunctions, NodeOperationError } from 'n8n-workflow';

import { apiFailure, type Attempt, givenUp } from './attempt';
import { type Clock, systemClock } from './clock';
import { LinePlace } from './line';
import type { Pacer } from './pacer';
import { backoffDelay, type RetryPolicy } from './retryPolicy';
import { type Context, type Destination, sendOnce } from './send';
import type { BentoRequest, BentoResponse } from './types';

/** What one request has been through so far. */
interface Tries {
	attempt: number;
	retries: number;
	/** Backoff and Retry-After waits so far (ms), under the policy's total cap. */
	waitedMs: number;
	/** Whether a failed attempt may have been delivered. */
	maybeSent: boolean;
}

type Failed = Extract<Attempt, { ok: false }>;

/**
 * What follows a failed attempt: `waitInLine` (a 429: back to its place in the account's line,
 * its turn at the reset), `backOff` (a transient failure: wait `delayMs`, then again), or
 * `giveUp` (`why` added to the error when it says more than the failure itself).
 */
type Next =
	| { kind: 'waitInLine' }
	| { kind: 'backOff'; delayMs: number }
	| { kind: 'giveUp'; why: string };

/**
 * Sends requests of one run of a node with retries: each attempt paced (Requests Per Minute),
 * given its turn in its account's line (see LinePlace), sent once through n8n's helper.
 */
export class Sender {
	constructor(
		private readonly ctx: Context,
		/** Where requests go and as whom; `redact` masks this execution's secrets. */
		private readonly to: Destination,
		private readonly policy: RetryPolicy,
		/** This run's even pace when Requests Per Minute is set; the account's line is shared. */
		private readonly pacer: Pacer,
		/** The account (see accountKey): its lines are shared by every run in this process. */
		private readonly account: string,
		/** Max Wait for Rate Limit (ms). */
		private readonly maxRateLimitWaitMs: number,
		private readonly clock: Clock = systemClock,
	) {}

	/** Whether this run has had a turn in its account's line: its next request yields (Gate.place). */
	private hadTurn = false;

	/**
	 * Sends `request` until it is answered or given up on. Throws a NodeApiError, redacted, when
	 * it gives up (`context.maybeSent`: whether Bento may have acted on it), and a
	 * NodeOperationError when the execution is cancelled.
	 */
	async send(request: BentoRequest): Promise<BentoResponse> {
		const signal = this.signal();
		const line = new LinePlace(
			this.account,
			request.endpoint,
			this.clock,
			this.maxRateLimitWaitMs,
			this.policy.maxTotalWaitMs,
			this.hadTurn,
		);
		const tries: Tries = { attempt: 0, retries: 0, waitedMs: 0, maybeSent: false };
		for (;;) {
			tries.attempt++;
			const { sentAt, result } = await this.attempt(request, line, tries, signal);
			if (result.ok) {
				const { status, body } = result;
				return { status, body, attempts: tries.attempt, maybeSentBefore: tries.maybeSent };
			}
			tries.maybeSent ||= result.sent === 'maybe';
			const next = this.afterFailure(request, line, sentAt, result, tries);
			if (next.kind === 'giveUp')
				throw givenUp(this.ctx.getNode(), result, tries.attempt, next.why, tries.maybeSent);
			if (next.kind === 'backOff') {
				tries.retries++;
				tries.waitedMs += next.delayMs;
				await this.clock.wait(next.delayMs, signal);
			}
		}
	}

	/**
	 * One attempt: paced (not after a refusal: the reset is its pace), its turn in line, sent
	 * once; the line is told what came of it, but a refusal, which `afterFailure` tells.
	 */
	private async attempt(
		request: BentoRequest,
		line: LinePlace,
		tries: Tries,
		signal?: AbortSignal,
	): Promise<{ sentAt: number; result: Attempt }> {
		if (!line.afterRefusal) await this.pacer.beforeRequest(signal);
		const turn = await line.turn(signal);
		if ('retryAt' in turn) {
			const tooFar = line.tooFar(turn.retryAt);
			throw apiFailure(this.ctx.getNode(), {
				...tooFar,
				httpCode: '429',
				maybeSent: tries.maybeSent,
			});
		}
		if ('cancelled' in turn) throw this.cancelled();
		const { sentAt } = turn;
		this.hadTurn = true;
		if (signal?.aborted) {
			line.settle(sentAt, undefined, false);
			throw this.cancelled();
		}
		let result: Attempt | undefined;
		try {
			result = await sendOnce(this.ctx, this.to, request, this.clock.now(), () =>
				this.stopIfCancelled(signal),
			);
		} finally {
			if (!(result && !result.ok && result.refusal)) line.settle(sentAt, result);
		}
		return { sentAt, result };
	}

	/** What follows the failed attempt sent at `sentAt` (see Next). */
	private afterFailure(
		request: BentoRequest,
		line: LinePlace,
		sentAt: number,
		failed: Failed,
		tries: Tries,
	): Next {
		if (failed.refusal) {
			// Back to its place in line, its wait for the reset measured from the refusal.
			const advice = line.refused(sentAt, failed.refusal, this.clock.now());
			return advice === undefined ? { kind: 'waitInLine' } : { kind: 'giveUp', why: advice };
		}
		if (!failed.retryable || tries.retries >= this.policy.maxRetries)
			return { kind: 'giveUp', why: '' };
		if (request.resend === 'ifNotSent' && failed.sent === 'maybe')
			return { kind: 'giveUp', why: 'not retried: it may have been delivered' };
		const delayMs =
			failed.retryAfterMs ?? backoffDelay(tries.retries, this.policy, this.clock.random);
		if (tries.waitedMs + delayMs > this.policy.maxTotalWaitMs)
			return { kind: 'giveUp', why: 'retry wait limit reached' };
		return { kind: 'backOff', delayMs };
	}

	private signal(): AbortSignal | undefined {
		const ctx = this.ctx as Partial<IExecuteFunctions>;
		return ctx.getExecutionCancelSignal?.();
	}

	private cancelled(): NodeOperationError {
		return new NodeOperationError(this.ctx.getNode(), 'The execution was cancelled');
	}

	private stopIfCancelled(signal?: AbortSignal): void {
		if (signal?.aborted) throw this.cancelled();
	}
}
