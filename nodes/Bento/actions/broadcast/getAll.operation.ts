import type { INodeProperties } from 'n8n-workflow';

import type { SimplifySpec } from '../../engines/output';
import { Invalid } from '../../helpers/invalid';
import { listOperation } from '../library.common';

const STATUSES = ['canceled', 'draft', 'paused', 'scheduled', 'sending', 'sent'];

const statusProperty: INodeProperties = {
	displayName: 'Status',
	name: 'status',
	type: 'options',
	options: STATUSES.map((value) => ({
		name: value[0].toUpperCase() + value.slice(1),
		value,
	})),
	default: 'sent',
	description:
		'Which broadcasts to list. Bento lists one status at a time; asked for none (or an unknown one) it lists sent broadcasts, so the node always names one.',
};

// Each broadcast carries its template's whole HTML: the bulk of the answer, which a list of
// broadcasts (or an AI agent) rarely needs.
const simplify: SimplifySpec = {
	fields: ['id', 'name', 'created_at', 'send_at', 'share_url', 'stats'],
	more: ['template'],
};

export const { description, execute } = listOperation('broadcast', 'getAll', {
	simplify,
	endpoint: '/fetch/broadcasts',
	paged: true,
	noun: 'broadcasts with this status',
	properties: [statusProperty],
	query: (ctx, i) => {
		const status = ctx.getNodeParameter('status', i) as string;
		if (!STATUSES.includes(status))
			return new Invalid(
				'status',
				`status must be one of ${STATUSES.join(', ')} (got "${status}")`,
			);
		return { status };
	},
});
