import type { ICredentialType } from 'n8n-workflow';

/**
 * The official `n8n-nodes-bento` package's `bentoApi` class, written from its published shape:
 * the same three fields, no Base URL, a generic `authenticate` that adds Basic auth only. The
 * Secret Key is typed as a password (n8n's lint asks it of every credential; only the editor
 * reads it, to mask the field).
 */
export class OfficialShapedBentoApi implements ICredentialType {
	name = 'bentoApi';

	displayName = 'Bento API';

	properties = [
		{
			displayName: 'Publishable Key',
			name: 'publishableKey',
			type: 'string' as const,
			default: '',
		},
		{
			displayName: 'Secret Key',
			name: 'secretKey',
			type: 'string' as const,
			typeOptions: { password: true },
			default: '',
		},
		{ displayName: 'Site UUID', name: 'siteUuid', type: 'string' as const, default: '' },
	];

	authenticate = {
		type: 'generic' as const,
		properties: {
			auth: {
				username: '={{ $credentials.publishableKey }}',
				password: '={{ $credentials.secretKey }}',
			},
		},
	};
}
