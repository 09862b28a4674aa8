import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { cleanEnds, findUnseen, nameCharacter } from '../helpers/identifiers';

/** The credential's text fields, as the credential page labels them. */
export const CREDENTIAL_FIELDS = {
	publishableKey: 'Publishable Key',
	secretKey: 'Secret Key',
	siteUuid: 'Site UUID',
	baseUrl: 'Base URL',
} as const;

type Field = keyof typeof CREDENTIAL_FIELDS;

// Base URL may be left empty: the default API root is used (see apiBaseUrl).
const REQUIRED: Field[] = ['publishableKey', 'secretKey', 'siteUuid'];

export interface CleanCredentials {
	/** The credential data with every text field cleaned at both ends. */
	data: ICredentialDataDecryptedObject;
	/**
	 * Why every request with this credential would fail, naming the field and never its value:
	 * a required field empty, or a space or invisible character inside a field.
	 */
	problem?: string;
}

/**
 * The credential as requests use it: white space and invisible characters (a key pasted from a
 * password manager with a trailing space or line break) removed from both ends of each field.
 * White space inside a field is not removed (no key, UUID or URL holds one, so it is a paste
 * gone wrong that the user must see): it is a `problem`, as is a required field left empty.
 * Fields of another package's `bentoApi` class that this one lacks are kept as they are.
 */
export function cleanCredentials(saved: ICredentialDataDecryptedObject): CleanCredentials {
	const data: ICredentialDataDecryptedObject = { ...saved };
	let problem: string | undefined;
	for (const field of Object.keys(CREDENTIAL_FIELDS) as Field[]) {
		const value = saved[field];
		if (typeof value !== 'string') continue;
		const clean = cleanEnds(value);
		data[field] = clean;
		const inside = findUnseen(clean, 'address');
		if (problem === undefined && inside) {
			problem = `The Bento credential's ${CREDENTIAL_FIELDS[field]} contains ${nameCharacter(inside.codePoint)} at character ${inside.position}; it never holds spaces or invisible characters: copy it again from Bento (Settings → API Keys) and save the credential`;
		}
	}
	for (const field of REQUIRED) {
		if (problem !== undefined) break;
		const value = data[field];
		if (typeof value === 'string' && value === '')
			problem = `The Bento credential's ${CREDENTIAL_FIELDS[field]} is empty${saved[field] === '' ? '' : ' once spaces are removed'}: copy it from Bento (Settings → API Keys) and save the credential`;
	}
	return problem === undefined ? { data } : { data, problem };
}
