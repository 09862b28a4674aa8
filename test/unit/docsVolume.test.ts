import { mismatches, page, row, sourceNumber } from '../helpers/docsText';

// The benchmark's volume rows (issue 31: thousands of webhook calls at once, bench/limitVolume.ts
// and bench/webhookFront.ts) as the docs describe them: each number held to the script's
// source, as test/unit/docs.test.ts holds the node's.

const DOCUMENTED = [
	...[
		'docs/queue-mode.md|scaled up tenfold to # requests per clock minute',
		'docs/development.md|for a load balancer), at # requests per clock minute',
	].map((at) =>
		row(
			'VOLUME_LIMIT.limit (bench/limitVolume.ts)',
			sourceNumber('bench/limitVolume.ts', /VOLUME_LIMIT = \{ limit: (\d+)/),
			at,
		),
	),
	row(
		'VOLUME_QUEUE.webhooks',
		sourceNumber('bench/limitVolume.ts', /VOLUME_QUEUE = \{ webhooks: (\d+)/),
		'docs/queue-mode.md|a front → # webhook processors',
	),
	row(
		'VOLUME_QUEUE.workers',
		sourceNumber('bench/limitVolume.ts', /VOLUME_QUEUE = \{[^}]*workers: (\d+)/),
		'docs/queue-mode.md|webhook processors → # workers ×',
	),
	row(
		'VOLUME_QUEUE.concurrency',
		sourceNumber('bench/limitVolume.ts', /VOLUME_QUEUE = \{[^}]*concurrency: (\d+)/),
		'docs/queue-mode.md|workers × #, Redis',
	),
	row(
		'FRONT_CONNECTIONS (bench/webhookFront.ts)',
		sourceNumber('bench/webhookFront.ts', /FRONT_CONNECTIONS = (\d+)/),
		'docs/queue-mode.md|a listen backlog of 4,096, # kept-alive connections per processor',
	),
];

describe("the numbers the docs state about the benchmark's volume rows", () => {
	it.each(DOCUMENTED.map((d) => [`${d.constant} in ${d.file}: "${d.phrase}"`, d] as const))(
		'%s',
		(_name, documented) => {
			expect(mismatches(documented, page(documented.file))).toEqual([]);
		},
	);
});
