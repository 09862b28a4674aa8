// The e2e harness's JavaScript libraries (e2e/lib/n8n.js, e2e/lib/burst.js) as the benchmark's
// real-n8n rows use them: their types, and one place that loads them.
import path from '@n8n-nodes-bentonow/dev-host/path';
import { repoRoot } from '@n8n-nodes-bentonow/dev-host/repo';

/** One n8n instance the harness installs and runs (e2e/lib/n8n.js `N8n`). */
export interface E2eN8n {
	userFolder: string;
	server?: { pid?: number };
	cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }>;
	importCredentials(list: object[]): Promise<void>;
	importWorkflows(list: object[]): Promise<void>;
	start(): Promise<void>;
	stop(): Promise<void>;
	setupOwner(): Promise<string>;
	cleanup(): void;
}

export interface N8nLib {
	N8n: new (major: number, options: { port: number; brokerPort: number }) => E2eN8n;
	installPackage(userFolder: string, tarball: string): void;
	ensureN8n(major: number): void;
}

/** What waitForExecutions saw when the expected executions had finished. */
export interface Finished {
	at: number;
	finished: number;
	failed: number;
	firstFailedId?: string;
}

export interface BurstLib {
	burstWorkflow(o: { id: string; path: string; credential: object }): {
		id: string;
		nodes: Array<{ name: string }>;
		connections: object;
	};
	fireBurst(
		port: number,
		path: string,
		count: number,
	): Promise<{ statuses: Record<string, number>; ms: number }>;
	waitForWebhook(port: number, path: string, timeoutMs?: number): Promise<void>;
	waitForExecutions(
		n8n: E2eN8n,
		workflowId: string,
		expected: number,
		o: { timeoutMs: number; intervalMs?: number },
	): Promise<Finished>;
	executionError(n8n: E2eN8n, id: string): Promise<string | undefined>;
	TERMINAL: string[];
}

/* eslint-disable @typescript-eslint/no-require-imports */
export const n8nLib = () => require(path.join(repoRoot, 'e2e/lib/n8n.js')) as N8nLib;
export const burstLib = () => require(path.join(repoRoot, 'e2e/lib/burst.js')) as BurstLib;
/* eslint-enable @typescript-eslint/no-require-imports */
