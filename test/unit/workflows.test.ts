// GitHub Actions workflows cannot run here (no actionlint either): parse them and check what
// publishing depends on.
import { readFileSync } from '@n8n-nodes-bentonow/dev-host/fs';
import { join } from '@n8n-nodes-bentonow/dev-host/path';
import { repoRoot } from '@n8n-nodes-bentonow/dev-host/repo';
import { parse } from 'yaml';

type Step = { uses?: string; run?: string; with?: Record<string, unknown> };
type Job = { permissions?: Record<string, string>; steps: Step[] };
type Workflow = {
	on: Record<string, unknown>;
	permissions?: Record<string, string>;
	jobs: Record<string, Job>;
};

const read = (name: string) =>
	parse(readFileSync(join(repoRoot, '.github/workflows', name), 'utf8')) as Workflow;
const runs = (job: Job) => job.steps.map((s) => s.run ?? '').filter(Boolean);

describe('publish workflow', () => {
	const workflow = read('publish.yml');
	const job = workflow.jobs.publish;

	it('runs on version tags only', () => {
		expect(Object.keys(workflow.on)).toEqual(['push']);
		expect(workflow.on.push).toEqual({ tags: ['v*.*.*'] });
	});

	it('may mint an OIDC token (trusted publishing) and nothing more than read the code', () => {
		expect(job.permissions).toEqual({ contents: 'read', 'id-token': 'write' });
		expect(workflow.permissions).toEqual({ contents: 'read' });
	});

	it('installs from the lockfile, builds, lints, scans and tests before publishing with provenance', () => {
		const steps = runs(job);
		const at = (command: string) => steps.findIndex((s) => s === command);
		const publish = steps.findIndex((s) => s.startsWith('npm publish'));
		for (const command of ['npm ci', 'npm run build', 'npm run lint', 'npm run scan', 'npm test'])
			expect(at(command)).toBeGreaterThanOrEqual(0);
		expect(at('npm ci')).toBeLessThan(at('npm run build'));
		expect(at('npm run build')).toBeLessThan(at('npm run scan'));
		expect(at('npm test')).toBeLessThan(publish);
		expect(steps[publish]).toBe('npm publish --provenance --access public');
	});

	it('stores no npm token', () => {
		const text = readFileSync(join(repoRoot, '.github/workflows/publish.yml'), 'utf8');
		expect(text).not.toMatch(/NPM_TOKEN|NODE_AUTH_TOKEN|secrets\./);
	});
});

describe('pull request workflow', () => {
	const workflow = read('ci.yml');

	it('runs the README’s test command on pull requests', () => {
		expect(workflow.on).toHaveProperty('pull_request');
		const steps = runs(workflow.jobs.test);
		expect(steps).toEqual(['npm ci', 'npm run build', 'npm run lint', 'npm run scan', 'npm test']);
	});
});
