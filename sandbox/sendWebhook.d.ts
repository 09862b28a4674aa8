// Types of sendWebhook.js for the TypeScript tests.

/** The Liquid variables Bento offers a Send webhook body, as nested objects. */
export type LiquidContext = Record<string, Record<string, unknown> | undefined>;

/** A sample person, event and workflow. */
export const SAMPLE: {
	visitor: Record<string, string>;
	event: { type: string; details: Record<string, unknown> };
	workflow: { name: string };
};

/** Renders a Liquid body: `{{ x }}` as raw text, `{{ x | json }}` as a JSON value. */
export function renderLiquid(template: string, context: object): string;

/** The panel's BODY_TEMPLATE from the build. */
export function bodyTemplate(): string;

export function sendWebhook(
	url: string,
	options?: { secret?: string; header?: string; context?: LiquidContext; template?: string },
): Promise<{ status: number; body: string; sent: string }>;
