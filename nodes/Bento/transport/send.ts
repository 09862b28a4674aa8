import type {
	ICredentialsDecrypted,
	IDataObject,
	IExecuteFunctions,
	ILoadOptionsFunctions,
	IN8nHttpFullResponse,
	IPollFunctions,
} from 'n8n-workflow';

import { type Attempt, attemptOfResponse, attemptOfThrown, type ThrownHttpError } from './attempt';
import type { BentoRequest } from './types';
import { USER_AGENT } from './userAgent';

export const DEFAULT_BASE_URL = 'https://app.bentonow.com/api/v1';

/**
 * The API root from a credential's Base URL. Another package's `bentoApi` class (the official
 * node's) has no Base URL field, and older ones saved the bare host: both mean Bento's API.
 */
export function apiBaseUrl(saved: unknown): string {
	const text = typeof saved === 'string' && saved.trim() !== '' ? saved.trim() : DEFAULT_BASE_URL;
	const url = text.replace(/\/+$/, '');
	return /^https?:\/\/[^/]+$/i.test(url) ? `${url}/api/v1` : url;
}

// IPollFunctions: the Bento Form Response Trigger polls through this same door.
export type Context = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions;

/** What one execution's requests share: where they go, as whom, and how long an answer may take. */
export interface Destination {
	baseUrl: string;
	siteUuid: string;
	timeoutMs: number;
	credential: ICredentialsDecrypted;
	redact(text: string): string;
}

/**
 * Sends `request` once through n8n's HTTP helper (`now`: local ms, for Retry-After dates) and
 * tells what came of it. Throws only what `onThrown` throws (a cancelled execution).
 */
export async function sendOnce(
	ctx: Context,
	to: Destination,
	request: BentoRequest,
	now: number,
	onThrown: () => void,
): Promise<Attempt> {
	const headers: IDataObject = { 'User-Agent': USER_AGENT };
	if (request.body) headers['Content-Type'] = 'application/json';
	const context = {
		acceptStatuses: request.acceptStatuses,
		rateLimitNote: request.rateLimitNote,
		baseUrl: to.baseUrl,
		timeoutMs: to.timeoutMs,
		now,
		redact: to.redact,
	};
	try {
		const response = (await ctx.helpers.httpRequestWithAuthentication.call(
			ctx,
			'bentoApi',
			{
				method: request.method,
				url: `${to.baseUrl}${request.endpoint}`,
				// site_uuid goes on every request whichever `bentoApi` class n8n loaded: the official
				// package's adds only Basic auth. Ours adds the same key, so it is sent once.
				qs: { ...request.qs, site_uuid: to.siteUuid },
				body: request.body,
				json: true,
				timeout: to.timeoutMs,
				headers,
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
			},
			{ credentialsDecrypted: to.credential },
		)) as IN8nHttpFullResponse;
		return attemptOfResponse(
			context,
			response.statusCode,
			response.body,
			response.headers as IDataObject,
		);
	} catch (error) {
		onThrown();
		return attemptOfThrown(context, error as ThrownHttpError);
	}
}
