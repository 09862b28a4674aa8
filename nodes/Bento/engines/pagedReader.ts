import { createHash } from 'node:crypto';

import type { IDataObject } from 'n8n-workflow';

import type { BentoTransport } from '../transport';

export interface ListSpec {
	endpoint: string;
	qs?: IDataObject;
	/** Whether the endpoint takes `page` (1, 2, ...); otherwise one request returns everything. */
	paged: boolean;
	returnAll: boolean;
	/** Used when not returnAll. */
	limit: number;
	/** Turns one entry of Bento's `data` list into the output item's fields. */
	map?: (entry: IDataObject) => IDataObject;
}

// A guard against an endpoint that ignores `page` and answers the same page forever.
const MAX_PAGES = 10_000;

/** The entries of one answer of a Bento list: its `data` array, or the body when it is an array. */
export function entriesOf(body: IDataObject): IDataObject[] {
	if (Array.isArray(body)) return body as IDataObject[];
	return Array.isArray(body.data) ? (body.data as IDataObject[]) : [];
}

/** A page's fingerprint: a SHA-256 of its entries' JSON (entries need no id to be told apart). */
function fingerprint(entries: IDataObject[]): string {
	return createHash('sha256').update(JSON.stringify(entries)).digest('base64');
}

/**
 * The paged reader: reads a list under n8n's Return All / Limit convention, page by page
 * until a page is empty, repeats an earlier one (the same first id as the page before, or the
 * same content as any page before: an endpoint that ignores `page`, with or without ids), or
 * the limit is reached. The repeated page is not put out again.
 */
export async function readList(transport: BentoTransport, spec: ListSpec): Promise<IDataObject[]> {
	const wanted = spec.returnAll ? Infinity : spec.limit;
	const results: IDataObject[] = [];
	let previousFirstId: unknown;
	// At most MAX_PAGES fingerprints of 44 characters, for this one read.
	const seen = new Set<string>();
	for (let page = 1; page <= MAX_PAGES && results.length < wanted; page++) {
		const qs = spec.paged ? { ...spec.qs, page } : spec.qs;
		const { body } = await transport.request({ method: 'GET', endpoint: spec.endpoint, qs });
		const entries = entriesOf(body);
		if (entries.length === 0) break;
		const firstId = entries[0]?.id;
		if (page > 1 && firstId !== undefined && firstId === previousFirstId) break;
		previousFirstId = firstId;
		if (spec.paged) {
			const print = fingerprint(entries);
			if (seen.has(print)) break;
			seen.add(print);
		}
		for (const entry of entries) {
			if (results.length >= wanted) break;
			results.push(spec.map ? spec.map(entry) : entry);
		}
		if (!spec.paged) break;
	}
	return results;
}

/** Item `i`'s Return All / Limit parameters (see `returnAllOrLimit`). */
export function listParameters(
	ctx: { getNodeParameter(name: string, i: number, fallback?: unknown): unknown },
	i: number,
): Pick<ListSpec, 'returnAll' | 'limit'> {
	const returnAll = ctx.getNodeParameter('returnAll', i, false) as boolean;
	return { returnAll, limit: returnAll ? 0 : (ctx.getNodeParameter('limit', i, 50) as number) };
}
