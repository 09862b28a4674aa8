import {
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeParameterResourceLocator,
	type INodeProperties,
	NodeApiError,
	NodeOperationError,
} from 'n8n-workflow';

import { executePerItem } from '../../engines/perItem';
import { readList } from '../../engines/pagedReader';
import { flattenEntry } from '../../helpers/flatten';
import { type Checked, Invalid } from '../../helpers/invalid';
import { singleName } from '../../helpers/lists';
import { type BentoTransport, mayHaveBeenSent } from '../../transport';
import { operationDescription, writeOptionsCollection } from '../common.descriptions';
import { requestEntry } from '../library.common';

// Bento deletes a tag with `DELETE /fetch/tags/:id` and `{tag: {name}}` (Node SDK; Bento's agent
// guidance: list the tags first to get the ID). The Node SDK calls it "deletes or restores": a
// second DELETE of a discarded tag may bring it back. So a DELETE goes only for a tag the list
// shows live, is never resent when it may have been delivered, and what it did is then read
// from the list again.

const tagProperty: INodeProperties = {
	displayName: 'Tag',
	name: 'tag',
	type: 'resourceLocator',
	required: true,
	default: { mode: 'list', value: '' },
	description:
		'The tag to delete. It is removed from every subscriber that has it. A tag that no longer exists is not an error: the item says so.',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Select a tag...',
			typeOptions: { searchListMethod: 'searchTagIds', searchable: true },
		},
		{ displayName: 'By Name', name: 'name', type: 'string', placeholder: 'e.g. old-newsletter' },
		{ displayName: 'By ID', name: 'id', type: 'string', placeholder: 'e.g. 42' },
	],
};

export const description = operationDescription('tag', 'delete', [
	tagProperty,
	writeOptionsCollection,
]);

/** The tag an item names: by its ID (From List, By ID) or by its name. */
interface TagReference {
	by: 'id' | 'name';
	value: string;
}

interface Tag {
	id: string;
	name: string;
	/** Whether Bento lists it as discarded (`discarded_at` set) or this run deleted it. */
	gone: boolean;
	/** The item of this run whose DELETE of it may have reached Bento unconfirmed. */
	maybeDeletedBy?: number;
}

function readReference(ctx: IExecuteFunctions, i: number): Checked<TagReference> {
	const locator = ctx.getNodeParameter('tag', i) as INodeParameterResourceLocator | string;
	const mode = typeof locator === 'object' ? locator.mode : 'name';
	const raw = typeof locator === 'object' ? locator.value : locator;
	const by = mode === 'name' ? 'name' : 'id';
	const value = singleName(typeof raw === 'number' ? String(raw) : raw, 'tag');
	return value instanceof Invalid ? value : { by, value };
}

/** Every tag of the site (`GET /fetch/tags`, one unpaged answer), with its state. */
async function readTags(transport: BentoTransport): Promise<Tag[]> {
	const entries = await readList(transport, {
		endpoint: '/fetch/tags',
		paged: false,
		returnAll: true,
		limit: 0,
		map: flattenEntry,
	});
	return entries.map((entry) => ({
		id: String(entry.id ?? ''),
		name: String(entry.name ?? ''),
		gone: entry.discarded_at !== null && entry.discarded_at !== undefined,
	}));
}

/**
 * The tag `ref` names: the one with that ID, or that exact name; else the one tag whose name
 * differs only in letter case (a live one first: a discarded tag may share a live tag's name).
 */
export function findTag(tags: Tag[], ref: TagReference): Tag | undefined {
	const live = [...tags].sort((a, b) => Number(a.gone) - Number(b.gone));
	if (ref.by === 'id') return live.find((tag) => tag.id === ref.value);
	const exact = live.find((tag) => tag.name === ref.value);
	if (exact) return exact;
	const folded = ref.value.toLowerCase();
	const alike = live.filter((tag) => tag.name.toLowerCase() === folded && !tag.gone);
	return alike.length === 1 ? alike[0] : undefined;
}

/**
 * `{deleted: true, id, name, alreadyDeleted}` per item: `alreadyDeleted` when Bento has no such
 * live tag (nothing is sent for it) or an earlier item of this run deleted it. One tag list is
 * read per run, before the first DELETE; a hint names the items whose tag was already gone.
 */
export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[][]> {
	let tags: Promise<Tag[]> | undefined;
	const alreadyGone: number[] = [];
	const output = await executePerItem(this, items, {
		reader: (ctx) => (_item, i) => readReference(ctx, i),
		run: async (transport, ref, i): Promise<IDataObject> => {
			tags ??= readTags(transport);
			const tag = findTag(await tags, ref);
			// Gone because an earlier try of this run (Retry On Fail) deleted it: this run's deletion.
			if (tag?.gone && transport.sentInEarlierTry('DELETE', deletePath(tag), [i]))
				return { deleted: true, id: tag.id, name: tag.name, alreadyDeleted: false };
			if (!tag || tag.gone) {
				alreadyGone.push(i);
				const id = tag?.id ?? (ref.by === 'id' ? ref.value : null);
				const name = tag?.name ?? (ref.by === 'name' ? ref.value : null);
				return { deleted: true, id, name, alreadyDeleted: true };
			}
			// A second DELETE of a tag Bento discarded may restore it: never sent again.
			if (tag.maybeDeletedBy !== undefined)
				throw new NodeOperationError(
					this.getNode(),
					`Tag "${tag.name}" (ID ${tag.id}) was not deleted again: item ${tag.maybeDeletedBy}'s DELETE of it may have reached Bento. Check Bento's tags before running this again.`,
					{ itemIndex: i },
				);
			await deleteTag(this, transport, tag, i);
			tag.gone = true;
			return { deleted: true, id: tag.id, name: tag.name, alreadyDeleted: false };
		},
	});
	if (alreadyGone.length > 0) {
		const which = alreadyGone.length === 1 ? 'item' : 'items';
		this.addExecutionHints?.({
			message: `No such tag in Bento for ${which} ${alreadyGone.join(', ')} (already deleted, or never created: check the name): nothing was sent for them`,
			location: 'outputPane',
		});
	}
	return output;
}

const deletePath = (tag: Tag) => `/fetch/tags/${encodeURIComponent(tag.id)}`;

/**
 * `DELETE /fetch/tags/:id` with `{tag: {name}}` for item `i`, sent once. A failure that may have
 * reached Bento is judged by the tag list read again: gone, the DELETE did it (a success); still
 * live, the failure stands. A 404 follows `requestEntry`'s rule (notFoundVerdict).
 */
async function deleteTag(
	ctx: IExecuteFunctions,
	transport: BentoTransport,
	tag: Tag,
	i: number,
): Promise<void> {
	try {
		await requestEntry(
			ctx,
			transport,
			{
				method: 'DELETE',
				endpoint: deletePath(tag),
				body: { tag: { name: tag.name } },
				items: [i],
				resend: 'ifNotSent',
			},
			`no tag with ID "${tag.id}" (name "${tag.name}")`,
		);
	} catch (error) {
		const failure =
			error instanceof NodeApiError || error instanceof NodeOperationError
				? error
				: new NodeOperationError(ctx.getNode(), transport.redact(String(error)));
		if (!mayHaveBeenSent(failure)) throw failure;
		tag.maybeDeletedBy = i;
		// A list that cannot be read tells nothing: the failure of the DELETE stands.
		const now = findTag(await readTags(transport).catch(() => [tag]), { by: 'id', value: tag.id });
		if (now && !now.gone) throw failure;
	}
}
