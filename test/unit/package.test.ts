import { readFileSync } from '@n8n-nodes-bentonow/dev-host/fs';
import { join } from '@n8n-nodes-bentonow/dev-host/path';
import { repoRoot } from '@n8n-nodes-bentonow/dev-host/repo';

import { deliveryOptions } from '../../nodes/Bento/actions/common.descriptions';
import {
	DEFAULT_MAX_RATE_LIMIT_WAIT_MINUTES,
	readBatchOptions,
} from '../../nodes/Bento/engines/options';
import { PACKAGE_NAME, PACKAGE_VERSION, USER_AGENT } from '../../nodes/Bento/transport/userAgent';

const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));

describe('package', () => {
	it('names this package and its version in the User-Agent', () => {
		expect(PACKAGE_NAME).toBe(pkg.name);
		expect(PACKAGE_VERSION).toBe(pkg.version);
		expect(USER_AGENT.startsWith(`${pkg.name}/${pkg.version} `)).toBe(true);
	});

	it('has no runtime dependencies and n8n-workflow only as a peer', () => {
		expect(pkg.dependencies ?? {}).toEqual({});
		expect(pkg.peerDependencies).toEqual({ 'n8n-workflow': '*' });
		expect(pkg.devDependencies['n8n-workflow']).toBeDefined();
	});

	it('names its GitHub repository, which npm provenance checks against the publishing workflow', () => {
		expect(pkg.repository.url).toMatch(/^git\+https:\/\/github\.com\/[^/]+\/[^/]+\.git$/);
		const repo = pkg.repository.url.replace(/^git\+/, '').replace(/\.git$/, '');
		expect(pkg.bugs.url).toBe(`${repo}/issues`);
	});

	it('fills option defaults from the option descriptions', () => {
		expect(readBatchOptions({}, deliveryOptions)).toEqual({
			batchSize: 1000,
			dryRun: false,
			maxRetries: 5,
			onRejectedEvents: 'warn',
			requestsPerMinute: 0,
			initialDelayMs: 1000,
			timeoutMs: 30000,
			maxRateLimitWaitMs: DEFAULT_MAX_RATE_LIMIT_WAIT_MINUTES * 60_000,
		});
		expect(readBatchOptions({ batchSize: 10, timeout: 5 }, deliveryOptions)).toMatchObject({
			batchSize: 10,
			timeoutMs: 5,
		});
	});
});
