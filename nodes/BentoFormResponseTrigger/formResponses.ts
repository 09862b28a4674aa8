import { createHash } from 'node:crypto';

import type { IDataObject } from 'n8n-workflow';

// "New" form responses. Bento documents no timestamps on /fetch/responses, so a response is new
// when its id was not seen before (BENTO-WEBHOOKS.md). The ids seen are kept in the node's static
// data, which n8n saves with the workflow: bounded, so it cannot grow without end.

/** How many response ids the trigger remembers per form. */
export const MAX_REMEMBERED = 10_000;

/** What the trigger keeps in `getWorkflowStaticData('node')` between polls. */
export interface FormMemory {
	/** The form the ids belong to: a changed Form ID starts afresh. */
	formId?: string;
	/** Ids seen, oldest first. */
	seenIds?: string[];
}

export interface PollResult {
	/** Responses to deliver, in Bento's order. */
	fresh: IDataObject[];
	/** The memory to keep for the next poll. */
	memory: FormMemory;
}

/**
 * A response's identity: Bento's `id`, else its `uuid`, else a hash of the whole response (so
 * that responses without either are not all taken for one).
 */
export function responseKey(response: IDataObject): string {
	const id = response.id ?? response.uuid;
	if (id !== undefined && id !== null && id !== '') return String(id);
	return `sha1:${createHash('sha1').update(JSON.stringify(response)).digest('base64')}`;
}

/**
 * Splits one listing of a form's responses into the new ones and the memory for next time.
 * The first poll of a form (no memory for it) delivers nothing unless `includeExistingResponses`: it only
 * learns what is there. Ids of responses still listed are always remembered; ids no longer
 * listed are forgotten first when the memory is over MAX_REMEMBERED. Throws (a plain Error, for
 * the caller to wrap) when the listing alone is over that bound: a memory that cannot hold what
 * Bento lists would deliver the same responses again on every poll.
 */
export function pickNewResponses(
	formId: string,
	listing: IDataObject[],
	memory: FormMemory,
	includeExistingResponses: boolean,
): PollResult {
	const listedIds = listing.map(responseKey);
	if (listedIds.length > MAX_REMEMBERED) {
		throw new Error(
			`The form lists ${listedIds.length} responses; the trigger can remember ${MAX_REMEMBERED}`,
		);
	}
	const firstPoll = memory.formId !== formId || !Array.isArray(memory.seenIds);
	const seen = new Set(firstPoll ? [] : memory.seenIds);
	const delivered = new Set(seen);
	const isNew = (response: IDataObject) => {
		const key = responseKey(response);
		if (delivered.has(key)) return false;
		delivered.add(key); // a response listed twice goes out once
		return true;
	};
	const fresh = firstPoll && !includeExistingResponses ? [] : listing.filter(isNew);

	const listed = new Set(listedIds);
	const unlisted = [...seen].filter((id) => !listed.has(id));
	const seenIds = [...unlisted, ...new Set(listedIds)].slice(-MAX_REMEMBERED);
	return { fresh, memory: { formId, seenIds } };
}
