import { readFileSync } from '@n8n-nodes-bentonow/dev-host/fs';
import path from '@n8n-nodes-bentonow/dev-host/path';
import { repoRoot } from '@n8n-nodes-bentonow/dev-host/repo';

import { BODY_TEMPLATE } from '../../nodes/BentoTrigger/template';
import { renderLiquid, SAMPLE } from '../../sandbox/sendWebhook';
import {
	type CallResult,
	type N8nRefusal,
	postToTrigger,
	WEBHOOK_SECRET,
} from '../helpers/runTrigger';

// Issue 24, item 1: the body Bento renders from the panel's template, for people whose names and
// fields hold what real data holds, delivered as n8n delivers it (test/helpers/runTrigger.ts).

/** The template the panel showed before issue 24: quoted variables, pasted by Liquid as they are. */
const QUOTED_TEMPLATE = readFileSync(
	path.join(repoRoot, 'test/fixtures/bodyTemplate-quoted.liquid'),
	'utf8',
);

const SIGNED = { 'X-Bento-Secret': WEBHOOK_SECRET };

function send(template: string, visitor: Record<string, string>) {
	const text = renderLiquid(template, { ...SAMPLE, visitor: { ...SAMPLE.visitor, ...visitor } });
	return postToTrigger(text, { contentType: 'application/json', headers: SIGNED });
}

const refusedByN8n = (outcome: CallResult | N8nRefusal): outcome is N8nRefusal =>
	'n8nStatus' in outcome;

/** The clean item the call started the workflow with. */
function itemOf(outcome: CallResult | N8nRefusal) {
	if (refusedByN8n(outcome)) throw new Error(`n8n refused the call with ${outcome.n8nStatus}`);
	expect(outcome.answered).toEqual({ status: 200, body: { received: true } });
	expect(outcome.result.workflowData).toHaveLength(1);
	expect(outcome.result.workflowData![0]).toHaveLength(1);
	return outcome.result.workflowData![0][0].json as {
		last_name?: string;
		fields?: { company?: string };
	};
}

// [what, last name, company, what the quoted template did with it]
const PEOPLE: Array<[string, string, string, 'refused' | 'altered' | 'intact']> = [
	['a quote in the last name', 'Johnson "The Rock"', 'Acme', 'refused'],
	['a backslash in the company', 'Smith', 'Smith \\ Sons', 'refused'],
	['a backslash that reads as an escape', 'Smith', 'C:\\new\\table', 'altered'],
	['a line break in a field', 'Smith', 'Line one\nLine two', 'refused'],
	['a Windows line break', 'Smith', 'Line one\r\nLine two', 'refused'],
	['a tab', 'Smith\tJr', 'Acme', 'refused'],
	['a quote and a backslash at the end', 'O\'Brien "Bob"\\', 'Acme', 'refused'],
	['emoji and accents', 'Zoë 🎉👩‍💻', 'Café ☕', 'intact'],
	['a line separator and HTML', 'Lee\u2028Jr', '<b>Tom & Jerry</b>', 'intact'],
];

describe('Body for Bento: every Liquid variable through | json', () => {
	it('has no quoted variable left, and every variable goes through json', () => {
		expect(BODY_TEMPLATE).not.toMatch(/"\{\{/);
		const variables = BODY_TEMPLATE.match(/\{\{[^}]*\}\}/g) ?? [];
		expect(variables.length).toBeGreaterThan(5);
		for (const variable of variables) expect(variable).toMatch(/\| json \}\}$/);
	});

	it.each(PEOPLE)('%s: the new body arrives intact', async (_what, lastName, company) => {
		const item = itemOf(await send(BODY_TEMPLATE, { last_name: lastName, company }));
		expect(item.last_name).toBe(lastName);
		expect(item.fields?.company).toBe(company);
	});

	it.each(PEOPLE)('%s: the quoted body was %4$s', async (_what, lastName, company, before) => {
		const outcome = await send(QUOTED_TEMPLATE, { last_name: lastName, company });
		if (before === 'refused') {
			// n8n answers 422 itself: the node never runs, no execution, nothing in n8n.
			expect(outcome).toEqual({ n8nStatus: 422 });
			return;
		}
		const item = itemOf(outcome);
		const intact = item.last_name === lastName && item.fields?.company === company;
		expect(intact).toBe(before === 'intact');
	});

	it('a person with nothing set renders valid JSON (null values) that maps to almost nothing', async () => {
		const text = renderLiquid(BODY_TEMPLATE, {});
		expect(JSON.parse(text)).toMatchObject({ email: null, fields: { company: null } });
		const item = itemOf(
			await postToTrigger(text, { contentType: 'application/json', headers: SIGNED }),
		);
		expect(Object.keys(item).sort()).toEqual(['received_at', 'tags']);
	});
});
