import type { IDataObject } from 'n8n-workflow';

import { type Checked, Invalid } from '../../helpers/invalid';
import { readItemKeys } from '../../helpers/itemKeys';
import { nameList, singleName } from '../../helpers/lists';
import {
	checkEmail,
	checkKeys,
	describe,
	isPlainObject,
	requiredText,
} from '../../helpers/validation';

/** One command as Bento's `POST /fetch/commands` takes it. */
export interface BentoCommand extends IDataObject {
	command: string;
	email: string;
	query?: string | IDataObject;
}

/** What each command's `query` holds. */
const QUERY: Record<string, 'tag' | 'field' | 'keyValue' | 'email' | 'none'> = {
	add_tag: 'tag',
	add_tag_via_event: 'tag',
	remove_tag: 'tag',
	add_field: 'keyValue',
	remove_field: 'field',
	subscribe: 'none',
	unsubscribe: 'none',
	change_email: 'email',
};

export const COMMAND_NAMES = Object.keys(QUERY);

const COMMAND_ITEM = { allowed: new Set(['command', 'email', 'query']), what: 'a command item' };

/** The query, or the queries of one command each when a tag or field key list was typed. */
function checkQuery(
	command: string,
	query: unknown,
): Checked<string | string[] | IDataObject | undefined> {
	switch (QUERY[command]) {
		case 'tag':
		case 'field': {
			const names = nameList(query, 'query');
			return names instanceof Invalid || names.length > 1 ? names : names[0];
		}
		case 'email':
			return checkEmail(query, 'query');
		case 'keyValue': {
			if (!isPlainObject(query)) {
				return new Invalid(
					'query',
					`query of add_field must be {"key": ..., "value": ...} (got ${query === undefined ? 'nothing' : describe(query)})`,
				);
			}
			const extra = checkKeys(query, new Set(['key', 'value']), 'the query of add_field');
			if (extra) return new Invalid(`query.${extra.field}`, extra.message);
			// One value for one key: "plan, tier" would set both alike, which no one means.
			const key = singleName(query.key, 'query.key');
			if (key instanceof Invalid) return key;
			const value = query.value;
			if (value === undefined || (value !== null && typeof value === 'object')) {
				return new Invalid(
					'query.value',
					`query.value must be text, a number or a boolean (got ${value === undefined ? 'nothing' : describe(value)})`,
				);
			}
			return { key, value };
		}
		default:
			if (query === undefined || query === null || query === '') return undefined;
			return new Invalid('query', `${command} takes no query (got ${describe(query)})`);
	}
}

/**
 * Validates one command and returns it as Bento takes it; a tag command or Remove Field given a
 * list (`vip, customer`) becomes one command per name, in the order typed.
 */
export function toCommand(item: IDataObject): Checked<BentoCommand | BentoCommand[]> {
	const json = readItemKeys(item, COMMAND_ITEM);
	if (json instanceof Invalid) return json;
	const command = requiredText(json.command, 'command');
	if (command instanceof Invalid) return command;
	if (!Object.prototype.hasOwnProperty.call(QUERY, command)) {
		return new Invalid(
			'command',
			`unknown command "${command}": use one of ${COMMAND_NAMES.join(', ')}`,
		);
	}
	const email = checkEmail(json.email);
	if (email instanceof Invalid) return email;
	const query = checkQuery(command, json.query);
	if (query instanceof Invalid) return query;
	if (Array.isArray(query)) return query.map((name) => ({ command, email, query: name }));
	return query === undefined ? { command, email } : { command, email, query };
}
