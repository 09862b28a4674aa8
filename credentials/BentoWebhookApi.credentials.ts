import type { ICredentialType, INodeProperties } from 'n8n-workflow';

import { DEFAULT_SECRET_HEADER } from '../nodes/BentoTrigger/template';

/**
 * The shared secret Bento's Send webhook action puts in a header, checked by the Bento Trigger.
 * Its own type rather than a field of `bentoApi`: the trigger needs no API key, the secret is
 * pasted into Bento's workflow editor (so it should not be an API key), and n8n may load another
 * package's `bentoApi` class, which would drop a field ours added (N8N-FACTS.md).
 */
export class BentoWebhookApi implements ICredentialType {
	name = 'bentoWebhookApi';

	displayName = 'Bento Webhook Secret API';

	icon = { light: 'file:../icons/bento.svg', dark: 'file:../icons/bento.dark.svg' } as const;

	documentationUrl = 'https://docs.bentonow.com/webhooks';

	properties: INodeProperties[] = [
		{
			displayName: 'Header Name',
			name: 'headerName',
			type: 'string',
			default: DEFAULT_SECRET_HEADER,
			required: true,
			description:
				"The header Bento's Send webhook action sends the secret in (add it under the action's Headers). Spaces around it are ignored.",
		},
		{
			displayName: 'Secret',
			name: 'secret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'A long random text that only n8n and your Bento workflow know, e.g. from a password generator. Put the same value in the header in Bento. Spaces or a line break around it are ignored.',
		},
	];
}
