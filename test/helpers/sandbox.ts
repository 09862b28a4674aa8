import nock from 'nock';

import type { RateLimit, RequestWindow } from '../../sandbox/rateLimit';
import { runBentoNode, type RunOptions, type RunResult } from './runNode';

export type { RateLimit, RequestWindow };

// The stand-in is plain JavaScript so that `npm run sandbox` and the demo run it without a build.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startBentoSandbox } = require('../../sandbox/server') as {
	startBentoSandbox: (options?: Record<string, unknown>) => Promise<Sandbox>;
};

export interface SandboxEvent {
	type: string;
	email: string;
	details?: { unique?: { key?: string } };
}

export interface Sandbox {
	port: number;
	origin: string;
	baseUrl: string;
	keys: { publishableKey: string; secretKey: string; siteUuid: string };
	state: {
		requests: Array<{
			at: number;
			status: number | string;
			events: number;
			path: string;
			/** The request body's size. */
			bytes?: number;
		}>;
		events: SandboxEvent[];
	};
	summary(): {
		requests: number;
		byStatus: Record<string, number>;
		events: number;
		duplicateUniqueKeys: number;
	};
	setFaults(faults: Array<Record<string, unknown>>): void;
	setRateLimit(limit?: RateLimit): void;
	/** Bodies over `bytes` are refused with a 413, as a proxy's body limit does. */
	setMaxBodyBytes(bytes?: number): void;
	/** Lost and doubled records numbered 0..n-1 (sandbox/delivery.js). */
	delivery(n: number, kind?: 'events' | 'subscribers' | 'commands'): Delivery;
	/** Requests, accepted and refused (429) per window of `windowMs` aligned to the clock. */
	perWindow(windowMs: number): RequestWindow[];
	close(): Promise<void>;
}

export interface Delivery {
	expected: number;
	received: number;
	distinct: number;
	/** Ids seen exactly once. */
	once: number;
	missing: number;
	duplicated: number;
	unknown: number;
	firstMissing: number[];
}

export const SANDBOX_KEYS = {
	publishableKey: 'pk_fault_tests_dummy_0a1b2c',
	secretKey: 'sk_fault_tests_dummy_SECRET_9z8y7x',
	siteUuid: 'fault-site-uuid-42',
};

/** A stand-in per test file, on a random loopback port; the only place these tests may connect. */
export function useSandbox(options: Record<string, unknown> = {}): () => Sandbox {
	let sandbox: Sandbox | undefined;
	beforeAll(async () => {
		nock.disableNetConnect();
		nock.enableNetConnect('127.0.0.1');
		sandbox = await startBentoSandbox({ ...SANDBOX_KEYS, ...options });
	});
	afterAll(async () => {
		await sandbox?.close();
		nock.enableNetConnect();
	});
	return () => sandbox!;
}

export async function runAgainst(sandbox: Sandbox, options: RunOptions): Promise<RunResult> {
	return await runBentoNode({
		...options,
		credentials: { ...SANDBOX_KEYS, baseUrl: sandbox.baseUrl, ...options.credentials },
	});
}

export const SANDBOX_SECRETS = [
	SANDBOX_KEYS.secretKey,
	SANDBOX_KEYS.publishableKey,
	SANDBOX_KEYS.siteUuid,
	Buffer.from(`${SANDBOX_KEYS.publishableKey}:${SANDBOX_KEYS.secretKey}`).toString('base64'),
];
