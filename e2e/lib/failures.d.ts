// Types of failures.js for the TypeScript tests.
export interface SavedExecution {
	id: string;
	status: string;
	data?: unknown;
	mode?: string;
}

export interface ExecutionRun {
	ok: boolean;
	execution?: SavedExecution;
	log?: string;
}

export declare function assertStatuses(
	n8n: { savedExecution: (id: string) => Promise<SavedExecution> },
	executions: Array<{ id: string; status: string }>,
	expected?: string,
	options?: { what?: string; logsOf?: (id: string) => string[] },
): Promise<void>;
export declare function assertSucceeded<R extends ExecutionRun>(run: R, what?: string): R;
export declare function describeExecution(execution?: SavedExecution): string;
