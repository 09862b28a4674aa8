import type { IDataObject } from 'n8n-workflow';

import { type Checked, Invalid } from '../../helpers/invalid';
import { nameList } from '../../helpers/lists';
import { checkEmail, describe, isPlainObject, requiredText } from '../../helpers/validation';

/** One broadcast as Bento's `POST /batch/broadcasts` takes it. */
export interface BentoBroadcast extends IDataObject {
	name: string;
	subject: string;
	content: string;
	type: string;
	from: { email: string; name?: string };
	inclusive_tags?: string;
	exclusive_tags?: string;
	segment_id?: string;
	batch_size_per_hour: number;
	/** Set only to send or schedule (see delivery.ts): without it Bento keeps a draft. */
	approved?: boolean;
	/** ISO 8601 in UTC, with `approved`: when Bento sends. */
	send_at?: string;
}

export interface BroadcastInput {
	name: unknown;
	subject: unknown;
	content: unknown;
	type: unknown;
	fromEmail: unknown;
	fromName: unknown;
	inclusiveTags: unknown;
	exclusiveTags: unknown;
	segmentId: unknown;
	batchSizePerHour: unknown;
}

/**
 * Tag names from the tag picker's entries (`[{tag: {mode, value}}]`), as the comma-separated
 * text Bento takes. A typed name may itself be a list: names separated by commas, a JSON array as
 * text, or a real array (an expression's result), read as `nameList` reads one.
 */
export function tagList(entries: unknown, field: string): Checked<string | undefined> {
	const names: string[] = [];
	for (const entry of Array.isArray(entries) ? entries : []) {
		const tag = (entry as IDataObject)?.tag;
		const value = isPlainObject(tag) ? tag.value : tag;
		if (typeof value !== 'string' && !Array.isArray(value))
			return new Invalid(field, `${field}: a tag must be text (got ${describe(value)})`);
		const listed = nameList(value, field);
		if (listed instanceof Invalid) return listed;
		names.push(...listed);
	}
	return names.length > 0 ? names.join(',') : undefined;
}

/** Validates one broadcast; the content goes out exactly as given. */
export function toBentoBroadcast(input: BroadcastInput): Checked<BentoBroadcast> {
	const name = requiredText(input.name, 'name');
	if (name instanceof Invalid) return name;
	const subject = requiredText(input.subject, 'subject');
	if (subject instanceof Invalid) return subject;
	const content = requiredText(input.content, 'content');
	if (content instanceof Invalid) return content;
	const type = requiredText(input.type, 'type');
	if (type instanceof Invalid) return type;
	const email = checkEmail(input.fromEmail, 'fromEmail');
	if (email instanceof Invalid) return email;
	const inclusive = tagList(input.inclusiveTags, 'inclusiveTags');
	if (inclusive instanceof Invalid) return inclusive;
	const exclusive = tagList(input.exclusiveTags, 'exclusiveTags');
	if (exclusive instanceof Invalid) return exclusive;
	const perHour = input.batchSizePerHour;
	if (!Number.isInteger(perHour) || (perHour as number) < 1) {
		return new Invalid(
			'batchSizePerHour',
			`batchSizePerHour must be a whole number of 1 or more (got ${String(perHour)})`,
		);
	}

	const from: BentoBroadcast['from'] = { email };
	if (typeof input.fromName === 'string' && input.fromName.trim() !== '')
		from.name = input.fromName.trim();
	const broadcast: BentoBroadcast = {
		name,
		subject,
		content: input.content as string,
		type,
		from,
		batch_size_per_hour: perHour as number,
	};
	if (inclusive) broadcast.inclusive_tags = inclusive;
	if (exclusive) broadcast.exclusive_tags = exclusive;
	const segment = input.segmentId;
	if (segment !== undefined && segment !== null && String(segment).trim() !== '')
		broadcast.segment_id = String(segment).trim();
	return broadcast;
}

/**
 * What Bento said about the broadcast at `position` of its batch. Per its Node SDK the answer
 * lists the created ones in order (`broadcasts`) and the refused ones by index (`failures`).
 */
export function broadcastAnswer(answer: IDataObject, position: number): IDataObject {
	const failures = (Array.isArray(answer.failures) ? answer.failures : []) as IDataObject[];
	const failure = failures.find((f) => f?.index === position);
	if (failure) {
		const why = typeof failure.error === 'string' ? failure.error : 'no reason given';
		return { created: false, warning: `Bento did not create this broadcast: ${why}` };
	}
	if (!Array.isArray(answer.broadcasts)) return {};
	const refusedBefore = failures.filter((f) => typeof f?.index === 'number' && f.index < position);
	const created = (answer.broadcasts as IDataObject[])[position - refusedBefore.length];
	return created ? { created: true, ...created } : {};
}
