// Keys pasted with a space: removed at the ends for every request and for the credential's Test
// alike; a space inside a field is an error that names the field and never shows its value.
import { Expression } from 'n8n-workflow';

import { BentoApi } from '../../credentials/BentoApi.credentials';
import { CREDENTIAL_FIELDS, cleanCredentials } from '../../nodes/Bento/transport/credentialValues';

const SAVED = {
	publishableKey: 'pk_live_1234',
	secretKey: 'sk_live_SECRET_dummy_5678',
	siteUuid: 'site-uuid-abcd',
	baseUrl: 'http://127.0.0.1:7200/api/v1',
};
type Field = keyof typeof SAVED;
const FIELDS = Object.keys(SAVED) as Field[];

// What people paste around a value: spaces, a tab, line breaks, a no-break space, a zero width
// space and a byte order mark (password managers and web pages).
const AROUND: Array<[string, string, string]> = [
	['a leading space', ' ', ''],
	['a trailing space', '', ' '],
	['spaces on both sides', '  ', '  '],
	['a trailing tab', '', '\t'],
	['a trailing line break', '', '\n'],
	['a trailing CRLF', '', '\r\n'],
	['a no-break space', '\u00a0', ''],
	['a zero width space', '', '\u200b'],
	['a byte order mark', '\ufeff', ''],
];

const INSIDE: Array<[string, string, string]> = [
	['a space', ' ', 'U+0020 (space)'],
	['a tab', '\t', 'U+0009 (tab)'],
	['a line break', '\n', 'U+000A (line feed)'],
	['a zero width space', '\u200b', 'U+200B (zero width space)'],
];

const spacedIn = (field: Field, before: string, after: string) => ({
	...SAVED,
	[field]: `${before}${SAVED[field]}${after}`,
});

// Inserts `char` after the 4th character of the field.
const brokenIn = (field: Field, char: string) => ({
	...SAVED,
	[field]: `${SAVED[field].slice(0, 4)}${char}${SAVED[field].slice(4)}`,
});

describe('cleanCredentials', () => {
	describe.each(FIELDS)('%s', (field) => {
		it.each(AROUND)('removes %s', (_what, before, after) => {
			const { data, problem } = cleanCredentials(spacedIn(field, before, after));
			expect(problem).toBeUndefined();
			expect(data).toEqual(SAVED);
		});

		it.each(INSIDE)(
			'refuses %s inside, naming the field and the character, not the value',
			(_what, char, named) => {
				const { problem } = cleanCredentials(brokenIn(field, char));
				expect(problem).toContain(
					`credential's ${CREDENTIAL_FIELDS[field]} contains ${named} at character 5`,
				);
				for (const value of Object.values(SAVED)) {
					expect(problem).not.toContain(value);
					expect(problem).not.toContain(value.slice(0, 4));
				}
			},
		);
	});

	it.each(['publishableKey', 'secretKey', 'siteUuid'] as Field[])(
		'refuses %s made only of spaces, naming it',
		(field) => {
			const { problem } = cleanCredentials({ ...SAVED, [field]: ' \t ' });
			expect(problem).toContain(`${CREDENTIAL_FIELDS[field]} is empty once spaces are removed`);
		},
	);

	it('leaves an empty Base URL alone (the default API root is used) and keeps other fields', () => {
		const { data, problem } = cleanCredentials({ ...SAVED, baseUrl: '  ', extra: ' x ' });
		expect(problem).toBeUndefined();
		expect(data).toEqual({ ...SAVED, baseUrl: '', extra: ' x ' });
	});
});

describe("the credential's authenticate (every request and the Test)", () => {
	const credential = new BentoApi();

	it.each(
		FIELDS.filter((f) => f !== 'baseUrl').flatMap((field) =>
			AROUND.map(([what, before, after]) => [field, what, before, after] as const),
		),
	)('%s with %s: the clean values', async (field, _what, before, after) => {
		const options = await credential.authenticate(spacedIn(field, before, after), {
			url: '/fetch/tags',
		});
		expect(options).toEqual({
			url: '/fetch/tags',
			auth: { username: SAVED.publishableKey, password: SAVED.secretKey },
			qs: { site_uuid: SAVED.siteUuid },
		});
	});

	it.each(FIELDS)('%s with a space inside: throws naming the field, no value', async (field) => {
		const thrown = await credential
			.authenticate(brokenIn(field, ' '), { url: '/fetch/tags' })
			.catch((error: Error) => error);
		expect(thrown).toBeInstanceOf(Error);
		expect((thrown as Error).message).toContain(CREDENTIAL_FIELDS[field]);
		for (const value of Object.values(SAVED))
			expect((thrown as Error).message).not.toContain(value);
	});
});

describe("the credential Test's Base URL", () => {
	const { baseURL } = new BentoApi().test.request;
	const resolve = (baseUrl: unknown) =>
		Expression.resolveWithoutWorkflow(String(baseURL).slice(1), {
			$credentials: { ...SAVED, baseUrl },
		});

	it.each(AROUND)('removes %s', (_what, before, after) => {
		expect(resolve(`${before}http://127.0.0.1:7200/api/v1/${after}`)).toBe(
			'http://127.0.0.1:7200/api/v1',
		);
	});

	it.each([
		[undefined, 'https://app.bentonow.com/api/v1'],
		['   ', 'https://app.bentonow.com/api/v1'],
		[' https://app.bentonow.com ', 'https://app.bentonow.com/api/v1'],
		['http://127.0.0.1:7200/api/v1', 'http://127.0.0.1:7200/api/v1'],
	])('reads %p as %p, as the requests do', (saved, expected) => {
		expect(resolve(saved)).toBe(expected);
	});
});
