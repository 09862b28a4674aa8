import type { IDataObject } from 'n8n-workflow';

/** One event as Bento's `POST /batch/events` takes it. */
export interface BentoEvent extends IDataObject {
	type: string;
	email: string;
	fields?: IDataObject;
	details?: IDataObject;
	date?: string;
}

/** An event before validation: whatever the user's item or parameters held. */
export interface EventInput {
	type?: unknown;
	email?: unknown;
	fields?: unknown;
	details?: unknown;
	date?: unknown;
}

export type MappingMode = 'defineBelow' | 'autoMapInputData';

export type RejectedEventsHandling = 'warn' | 'error';
