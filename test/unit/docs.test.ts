import { readdirSync } from '@n8n-nodes-bentonow/dev-host/fs';
import { join } from '@n8n-nodes-bentonow/dev-host/path';

import {
	description as createBroadcasts,
	MAX_BROADCASTS,
} from '../../nodes/Bento/actions/broadcast/create.operation';
import { MAX_EVENTS, returnAllOrLimit } from '../../nodes/Bento/actions/common.descriptions';
import {
	EMAIL_REQUESTS_PER_MINUTE,
	MAX_EMAILS,
} from '../../nodes/Bento/actions/email/send.operation';
import { MAX_SUBSCRIBERS } from '../../nodes/Bento/actions/subscriber/import.operation';
import { MAX_COMMANDS } from '../../nodes/Bento/actions/subscriber/runCommand.operation';
import { SEARCH_PAGE_SIZE } from '../../nodes/Bento/actions/subscriber/search.operation';
import { MAX_QUERY_CHARS } from '../../nodes/Bento/actions/utility/experimental';
import {
	DEFAULT_MAX_RATE_LIMIT_WAIT_MINUTES,
	requestOptions,
} from '../../nodes/Bento/engines/options';
import { MAX_REQUEST_BYTES } from '../../nodes/Bento/engines/batchDelivery/batching';
import { SMALLEST_EPOCH_MS, SPREADSHEET_DAYS_BELOW } from '../../nodes/Bento/helpers/date';
import {
	MAX_PICKER_PAGES,
	PICKER_CACHE_MS,
	PICKER_MAX_WAIT_MS,
	PICKER_SEARCH_MAX_REQUESTS,
} from '../../nodes/Bento/methods/pickerPages';
import {
	BENTO_DELETIONS_PER_DAY,
	BENTO_EMAILS_PER_MINUTE,
	BENTO_REQUESTS_PER_MINUTE,
	BENTO_STATS_REQUESTS_PER_HOUR,
} from '../../nodes/Bento/transport/bentoLimits';
import { MAX_ERROR_TEXT, MAX_HTML_EXCERPT } from '../../nodes/Bento/transport/errorMessages';
import { LATER_REQUEST_YIELD_MS, RESET_SPREAD_MS } from '../../nodes/Bento/transport/gate';
import { GATE_IDLE_FORGET_MS, MAX_GATES } from '../../nodes/Bento/transport/gates';
import {
	LEARNING_IN_FLIGHT,
	MAX_REMEMBERED as MAX_WINDOW_ANSWERS,
	SHARED_IN_FLIGHT,
} from '../../nodes/Bento/transport/limitState';
import { MAX_REFUSALS } from '../../nodes/Bento/transport/line';
import { MAX_IDLE_MS, MAX_OUTCOMES, MAX_RUNS } from '../../nodes/Bento/transport/rerunRecord';
import { RETRY_CAPS } from '../../nodes/Bento/transport/retryPolicy';
import { MAX_REMEMBERED } from '../../nodes/BentoFormResponseTrigger/formResponses';
import { PARSE_ERROR_QUOTE_LENGTH } from '../../nodes/BentoTrigger/request';
import { MIN_SECRET_LENGTH } from '../../nodes/BentoTrigger/secret';
import {
	type Documented,
	mismatches,
	page,
	propertyOf,
	root,
	row,
	sourceNumber,
} from '../helpers/docsText';

// Every number the documentation states that lives in the code, held to the code's value: a
// change to a constant fails this test until the docs say the same (and the other way round).
// One row per statement. `phrase` is the text around the number as the page writes it, with `#`
// where the number goes; line breaks, runs of spaces and Markdown's `*` do not matter. Numbers
// may be written 1000 or 1,000, and 1 as "a", "an" or "one". Every place the phrase appears in
// `file` must carry `value`, and it must appear at least once. To document a new number: export
// its constant where it lives and add a row here.

const option = (name: string) => propertyOf(requestOptions, name);

const DOCUMENTED: Documented[] = [
	// Bento's rate limits.
	...[
		"README.md|under Bento's # requests/min",
		'docs/limits-and-retries.md|| # requests a minute (another page',
		"docs/queue-mode.md|Bento's # requests per minute at 10x speed",
		'docs/limits-and-retries.md|Bento allows # requests a minute per account',
		"docs/limits-and-retries.md|later at Bento's # requests a minute",
		'docs/limits-and-retries.md|each minute of waiting lets about # more through',
	].map((at) => row('BENTO_REQUESTS_PER_MINUTE', BENTO_REQUESTS_PER_MINUTE, at)),
	...[
		'docs/library.md|Bento allows `/stats/*` only # requests per hour',
		'docs/library.md|Bento allows about # requests per hour to /stats',
		'docs/limits-and-retries.md|| `/stats/*` | # an hour',
		'docs/limits-and-retries.md|Bento allows about # requests an hour to /stats',
		'docs/official-node.md|Bento allows about # stats requests an hour',
	].map((at) => row('BENTO_STATS_REQUESTS_PER_HOUR', BENTO_STATS_REQUESTS_PER_HOUR, at)),
	...[
		'README.md|(Bento allows # a day)',
		'docs/audience.md|Bento allows # data deletion requests a day',
		'docs/audience.md|Delete Personal Data (# a day)',
		'docs/limits-and-retries.md|| `POST /data_deletion_requests` | # a day',
	].map((at) => row('BENTO_DELETIONS_PER_DAY', BENTO_DELETIONS_PER_DAY, at)),
	...[
		'docs/sending.md|Bento sends transactional email at about # a minute',
		'docs/limits-and-retries.md|about # a minute, whatever the batch size',
	].map((at) => row('BENTO_EMAILS_PER_MINUTE', BENTO_EMAILS_PER_MINUTE, at)),

	// How long and how often one request waits.
	...[
		'docs/limits-and-retries.md|stay within # minutes of waiting for one request',
		'docs/limits-and-retries.md|under the hourly and daily limits, stay within # minutes',
		'docs/limits-and-retries.md|# minutes of waiting per request',
		'docs/limits-and-retries.md|waits only if the window resets within # minutes',
		"docs/audience.md|within the node's #-minute wait cap",
		"docs/library.md|fits the node's #-minute cap",
	].map((at) => row('RETRY_CAPS.maxTotalWaitMs (minutes)', RETRY_CAPS.maxTotalWaitMs / 60_000, at)),
	row(
		'RETRY_CAPS.maxDelayMs (s)',
		RETRY_CAPS.maxDelayMs / 1000,
		'docs/limits-and-retries.md|capped at # s per wait',
	),
	row('MAX_REFUSALS', MAX_REFUSALS, 'docs/limits-and-retries.md|at most # refusals of one request'),

	// Many executions on one account: the line, its wait, what it learns, how long it is kept.
	...[
		'docs/events.md|| Max Wait for Rate Limit (Minutes) | # |',
		'docs/limits-and-retries.md|Max Wait for Rate Limit (Minutes) (default # minutes',
		'docs/limits-and-retries.md|| Max Wait for Rate Limit (Minutes) (`maxRateLimitWait`) | # |',
		'docs/limits-and-retries.md|With the default of # minutes',
		'docs/limits-and-retries.md|existed reads #.',
		'docs/sending.md|Max Wait for Rate Limit (# minutes',
	].map((at) =>
		row('DEFAULT_MAX_RATE_LIMIT_WAIT_MINUTES', DEFAULT_MAX_RATE_LIMIT_WAIT_MINUTES, at),
	),
	row(
		'Max Wait for Rate Limit default (its option)',
		option('maxRateLimitWait').default as number,
		'docs/events.md|| Max Wait for Rate Limit (Minutes) | # |',
	),
	row(
		"DEFAULT_MAX_RATE_LIMIT_WAIT_MINUTES x Bento's per-minute limit",
		DEFAULT_MAX_RATE_LIMIT_WAIT_MINUTES * BENTO_REQUESTS_PER_MINUTE,
		'docs/limits-and-retries.md|bursts larger than about # single-request executions',
	),
	...[
		'docs/limits-and-retries.md|keeps at most # requests in flight at once (`LEARNING_IN_FLIGHT`',
		'docs/development.md|the first 429 came back: `LEARNING_IN_FLIGHT`, #)',
	].map((at) => row('LEARNING_IN_FLIGHT', LEARNING_IN_FLIGHT, at)),
	...[
		'docs/queue-mode.md|it keeps at most # requests in flight',
		'docs/queue-mode.md|so at most about # of its requests are refused per window',
	].map((at) => row('SHARED_IN_FLIGHT', SHARED_IN_FLIGHT, at)),
	row(
		'RESET_SPREAD_MS (s)',
		RESET_SPREAD_MS / 1000,
		'docs/queue-mode.md|waits a random part of # s',
	),
	row(
		'GATE_IDLE_FORGET_MS (minutes)',
		GATE_IDLE_FORGET_MS / 60_000,
		'docs/limits-and-retries.md|an account idle for # minutes is forgotten',
	),
	row(
		'MAX_REMEMBERED (transport/limitState.ts)',
		MAX_WINDOW_ANSWERS,
		'docs/development.md|the state keeps at most # answer times',
	),
	row('MAX_GATES', MAX_GATES, 'docs/limits-and-retries.md|a process keeps at most # lines'),
	row(
		'PICKER_CACHE_MS (minutes)',
		PICKER_CACHE_MS / 60_000,
		"docs/limits-and-retries.md|Bento's answers are reused for # minute",
	),
	row(
		'MAX_PICKER_PAGES',
		MAX_PICKER_PAGES,
		'docs/limits-and-retries.md|a process keeps at most # pages',
	),
	row(
		'PICKER_MAX_WAIT_MS (minutes)',
		PICKER_MAX_WAIT_MS / 60_000,
		"docs/limits-and-retries.md|waits in the account's line like any other, for at most # minute",
	),
	row(
		'PICKER_SEARCH_MAX_REQUESTS',
		PICKER_SEARCH_MAX_REQUESTS,
		'docs/limits-and-retries.md|reading at most # pages from Bento per search',
	),
	row('SEARCH_PAGE_SIZE', SEARCH_PAGE_SIZE, "docs/audience.md|over Bento's pages of # (`page`)"),
	row(
		'LATER_REQUEST_YIELD_MS (minutes)',
		LATER_REQUEST_YIELD_MS / 60_000,
		'docs/limits-and-retries.md|of other runs that ask within # minute',
	),

	// Requests that fit, and error texts.
	...['docs/limits-and-retries.md|or at # bytes of JSON body'].map((at) =>
		row('MAX_REQUEST_BYTES', MAX_REQUEST_BYTES, at),
	),
	...[
		'docs/limits-and-retries.md|keeps each under # MB, and so does this one',
		'docs/events.md|a request is also kept under # MB of JSON',
		'docs/audience.md|a request is also kept under # MB of JSON',
		'docs/sending.md|a request is also kept under # MB of JSON',
	].map((at) => row('MAX_REQUEST_BYTES (MB)', MAX_REQUEST_BYTES / 1_000_000, at)),
	row(
		'MAX_ERROR_TEXT',
		MAX_ERROR_TEXT,
		'docs/limits-and-retries.md|A quote is cut at # characters',
	),
	row(
		'MAX_HTML_EXCERPT',
		MAX_HTML_EXCERPT,
		'docs/limits-and-retries.md|an HTML excerpt at # characters',
	),

	// Dates.
	row('SMALLEST_EPOCH_MS', SMALLEST_EPOCH_MS, 'docs/events.md|a number below # milliseconds'),
	row(
		'SPREADSHEET_DAYS_BELOW',
		SPREADSHEET_DAYS_BELOW,
		'docs/events.md|and one below # (`SPREADSHEET_DAYS_BELOW`)',
	),

	// n8n's Retry On Fail: the record of a run's writes.
	row('MAX_RUNS', MAX_RUNS, 'docs/limits-and-retries.md|keeps at most # runs'),
	row(
		'MAX_IDLE_MS (hours)',
		MAX_IDLE_MS / 3_600_000,
		'docs/limits-and-retries.md|forgets a run after # hour unused',
	),
	row('MAX_OUTCOMES', MAX_OUTCOMES, 'docs/limits-and-retries.md|holds at most # write outcomes'),

	// Batch sizes: Bento's limits per request.
	...[
		'README.md|in batches of up to # per request',
		'README.md|`POST /batch/events` | batch writer, # per request',
		'docs/events.md|| Batch Size | # | events per request, 1 to #',
	].map((at) => row('MAX_EVENTS', MAX_EVENTS, at)),
	...[
		'README.md|`POST /batch/subscribers` | batch writer, # per request',
		'docs/audience.md|Subscriber → Import (# per request)',
		'docs/audience.md|automations (the node shows this as a notice), up to # per request',
		'docs/audience.md|Options: Batch Size (1 to #, default #;',
	].map((at) => row('MAX_SUBSCRIBERS', MAX_SUBSCRIBERS, at)),
	...[
		'README.md|`POST /fetch/commands` | batch writer, # per request',
		'docs/audience.md|Subscriber → Run Command (# per request)',
		'docs/audience.md|Sends commands in batches of up to #',
		'docs/audience.md|the Batch Size option goes from 1 to #',
	].map((at) => row('MAX_COMMANDS', MAX_COMMANDS, at)),
	...[
		'README.md|`POST /batch/emails` | batch writer, # per request',
		'docs/sending.md|go out in batches of up to #',
		'docs/sending.md|Options: Batch Size (#, 1 to #;',
	].map((at) => row('MAX_EMAILS', MAX_EMAILS, at)),
	...[
		'README.md|`POST /batch/broadcasts` | batch writer, # per request',
		'docs/sending.md|Creates broadcasts in batches of up to #',
	].map((at) => row('MAX_BROADCASTS', MAX_BROADCASTS, at)),

	// Default pacing and retries (the options' defaults as the editor shows them).
	...[
		'docs/sending.md|defaults to Requests Per Minute = #',
		'docs/sending.md|Requests Per Minute (#)',
	].map((at) => row('EMAIL_REQUESTS_PER_MINUTE', EMAIL_REQUESTS_PER_MINUTE, at)),
	...[
		'docs/events.md|| Requests Per Minute | # (automatic)',
		'docs/limits-and-retries.md|Requests Per Minute defaults to #, automatic',
	].map((at) =>
		row('Requests Per Minute default', option('requestsPerMinute').default as number, at),
	),
	...[
		'docs/events.md|| Max Retries | # |',
		'docs/limits-and-retries.md|Max Retries (default #',
		'docs/sending.md|Max Retries (#;',
	].map((at) => row('Max Retries default', option('maxRetries').default as number, at)),
	...['docs/events.md|a timeout (0 to #)', 'docs/limits-and-retries.md|(default 5, at most #)'].map(
		(at) => row('Max Retries maximum', option('maxRetries').typeOptions?.maxValue as number, at),
	),
	...[
		'docs/events.md|| Retry Delay | # ms |',
		'docs/limits-and-retries.md|Retry Delay (default # ms)',
		'docs/sending.md|Retry Delay (# ms)',
	].map((at) => row('Retry Delay default', option('retryDelay').default as number, at)),
	...[
		'docs/events.md|| Timeout | # ms |',
		'docs/limits-and-retries.md|Timeout (default # ms)',
		'docs/sending.md|Timeout (# ms)',
	].map((at) => row('Timeout default', option('timeout').default as number, at)),
	...[
		'docs/audience.md|/ _Limit_ (default #)',
		'docs/library.md|Return All / Limit (default #)',
	].map((at) => row('Limit default', propertyOf(returnAllOrLimit, 'limit').default as number, at)),
	row(
		'Batch Size Per Hour default',
		propertyOf(createBroadcasts, 'batchSizePerHour').default as number,
		'docs/sending.md|recipients per hour once the broadcast is sent (default #)',
	),

	// Triggers, pickers, utilities.
	row(
		'MAX_REMEMBERED (form responses)',
		MAX_REMEMBERED,
		"docs/triggers.md|kept in the workflow's static data, at most #",
	),
	...[
		'README.md|a shared secret of at least # characters',
		'docs/triggers.md|refuses one shorter than # characters',
	].map((at) => row('MIN_SECRET_LENGTH', MIN_SECRET_LENGTH, at)),
	row(
		'PICKER_CACHE_MS (tag and field pickers), in seconds',
		PICKER_CACHE_MS / 1000,
		'docs/audience.md|answers reused for # seconds',
	),
	row('MAX_QUERY_CHARS', MAX_QUERY_CHARS, 'docs/library.md|while it stays under # characters'),

	// The burst rows of the benchmark and the e2e burst (scripts: read from their source).
	...[
		'docs/development.md|stand-in allowing # requests per minute of its clock',
		'docs/development.md|ceil(K / #) clock windows',
	].map((at) =>
		row(
			'LIMIT.limit (bench/limitStandIn.ts)',
			sourceNumber('bench/limitStandIn.ts', /limit: (\d+)/),
			at,
		),
	),
	...[
		'docs/development.md|main + # workers at concurrency 5, `BURST_QUEUE`',
		'docs/queue-mode.md|main + # workers at concurrency 5',
	].map((at) =>
		row(
			'BURST_QUEUE.workers',
			sourceNumber('bench/limitBurst.ts', /BURST_QUEUE = \{ workers: (\d+)/),
			at,
		),
	),
	...[
		'docs/development.md|workers at concurrency #, `BURST_QUEUE`',
		'docs/queue-mode.md|2 workers at concurrency #',
	].map((at) =>
		row(
			'BURST_QUEUE.concurrency',
			sourceNumber('bench/limitBurst.ts', /BURST_QUEUE = \{[^}]*concurrency: (\d+)/),
			at,
		),
	),
	row(
		'BURST_TARGET.regular',
		sourceNumber('bench/limit.ts', /BURST_TARGET = \{ regular: ([\d.]+)/),
		'docs/development.md|at most #x the floor in regular mode',
	),
	row(
		'BURST_TARGET.queue',
		sourceNumber('bench/limit.ts', /BURST_TARGET = \{[^}]*queue: ([\d.]+)/),
		'docs/development.md|and #x in queue mode',
	),
	row(
		'BURST_TARGET.laterRefusedPerProcess',
		sourceNumber('bench/limit.ts', /BURST_TARGET = \{[^}]*laterRefusedPerProcess: (\d+)/),
		'docs/development.md|at most # refused requests per window after the first per',
	),
	row(
		'MAX_LATER_REFUSED (e2e/burst.test.js)',
		sourceNumber('e2e/burst.test.js', /MAX_LATER_REFUSED = (\d+)/),
		'docs/development.md|may see more than # refused requests',
	),

	// The end-to-end runner.
	row(
		'E2E_CONCURRENCY default (e2e/run.js)',
		sourceNumber('e2e/run.js', /E2E_CONCURRENCY \?\? (\d+)/),
		'docs/development.md|runs # suites at a time (`E2E_CONCURRENCY`, default #',
	),
	row(
		'PARSE_ERROR_QUOTE_LENGTH',
		PARSE_ERROR_QUOTE_LENGTH,
		"docs/triggers.md|the parser's reason quoted up to # characters",
	),
];

describe('the numbers the docs state', () => {
	it.each(DOCUMENTED.map((d) => [`${d.constant} in ${d.file}: "${d.phrase}"`, d] as const))(
		'%s',
		(_name, documented) => {
			expect(mismatches(documented, page(documented.file))).toEqual([]);
		},
	);

	it('every page the table names exists among README.md and docs/*.md', () => {
		const known = new Set([
			'README.md',
			...readdirSync(join(root, 'docs'))
				.filter((f) => f.endsWith('.md'))
				.map((f) => `docs/${f}`),
		]);
		expect(DOCUMENTED.map((d) => d.file).filter((f) => !known.has(f))).toEqual([]);
	});
});
