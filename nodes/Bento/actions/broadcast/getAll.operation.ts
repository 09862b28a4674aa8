import type { INodeProperties } from 'n8n-workflow';

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

export const { description, execute } = listOperation('broadcast', 'getAll', {
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
