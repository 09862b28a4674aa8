import { readdirSync } from '@n8n-nodes-bentonow/dev-host/fs';
import { join } from '@n8n-nodes-bentonow/dev-host/path';

import { page, root } from '../helpers/docsText';

describe('README.md', () => {
	const readme = page('README.md');

	it('stays a landing page under 350 lines', () => {
		expect(readme.split('\n').length).toBeLessThan(350);
	});

	it('names every resource in its operations table, by its value in saved workflows', () => {
		const resources = readdirSync(join(root, 'nodes', 'Bento', 'actions'), {
			withFileTypes: true,
		})
			.filter((entry) => entry.isDirectory())
			.map((entry) => entry.name);
		expect(resources.length).toBeGreaterThan(10);
		const tableRows = readme.split('\n').filter((line) => line.startsWith('| '));
		const missing = resources.filter(
			(resource) => !tableRows.some((line) => line.includes(`(\`${resource}\`)`)),
		);
		expect(missing).toEqual([]);
	});

	it('keeps the demo and test commands and links every docs page', () => {
		expect(readme).toContain('npm install && npm run demo');
		expect(readme).toContain('npm install && npm test');
		const docs = readdirSync(join(root, 'docs')).filter((f) => f.endsWith('.md'));
		const unlinked = docs.filter((f) => !readme.includes(`](docs/${f}`));
		expect(unlinked).toEqual([]);
	});
});
