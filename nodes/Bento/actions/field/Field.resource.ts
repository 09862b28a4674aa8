import type { INodeProperties } from 'n8n-workflow';

// The "field" resource: its operation picker and its operations (filled in as they are built).
export const description: INodeProperties[] = [];
