import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { DEFAULT_BASE_URL } from '../nodes/Bento/transport';
import { cleanCredentials } from '../nodes/Bento/transport/credentialValues';
import { USER_AGENT } from '../nodes/Bento/transport/userAgent';

export class BentoApi implements ICredentialType {
	name = 'bentoApi';

	displayName = 'Bento API';

	icon = { light: 'file:../icons/bento.svg', dark: 'file:../icons/bento.dark.svg' } as const;

	documentationUrl = 'https://docs.bentonow.com/authentication';

	properties: INodeProperties[] = [
		{
			displayName: 'Publishable Key',
			name: 'publishableKey',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'pk_...',
			description: 'In Bento: Settings → API Keys (per site). Used as the Basic auth username.',
		},
		{
			displayName: 'Secret Key',
			name: 'secretKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			placeholder: 'sk_...',
			description:
				'In Bento: Settings → API Keys, beside the publishable key. Used as the Basic auth password.',
		},
		{
			displayName: 'Site UUID',
			name: 'siteUuid',
			type: 'string',
			default: '',
			required: true,
			description:
				'In Bento: Settings → Site, or the site_uuid shown with the API keys. Sent with every request.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: DEFAULT_BASE_URL,
			description: 'Change only for a proxy or a local Bento stand-in',
		},
	];

	// A function rather than a generic object so both n8n's own helper and tests run the same code,
	// and so that the credential's Test reads the fields as every request does (cleanCredentials):
	// spaces at the ends removed, a space inside refused with an error naming the field.
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const { data, problem } = cleanCredentials(credentials);
		if (problem !== undefined) throw new Error(problem);
		return {
			...requestOptions,
			auth: {
				username: String(data.publishableKey),
				password: String(data.secretKey),
			},
			qs: { ...requestOptions.qs, site_uuid: data.siteUuid },
		};
	}

	test: ICredentialTestRequest = {
		request: {
			// As apiBaseUrl reads it: spaces at the ends removed; none saved (the official package's
			// class has no Base URL) is the default; a bare host means its /api/v1.
			baseURL: `={{ (($credentials.baseUrl || "").replace(/^[\\s\\u200b-\\u200d\\u2060\\ufeff]+|[\\s\\u200b-\\u200d\\u2060\\ufeff]+$/g, "") || "${DEFAULT_BASE_URL}").replace(/\\/+$/, "").replace(/^(https?:\\/\\/[^/]+)$/i, "$1/api/v1") }}`,
			url: '/fetch/tags',
			method: 'GET',
			headers: { 'User-Agent': USER_AGENT },
		},
	};
}
