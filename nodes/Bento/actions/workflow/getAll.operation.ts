import { listOperation } from '../library.common';

export const { description, execute } = listOperation('workflow', 'getAll', {
	endpoint: '/fetch/workflows',
	paged: true,
	noun: 'workflows',
	// Each workflow lists its emails with their stats: the answer grows with every email.
	simplify: { fields: ['id', 'name', 'status', 'created_at'], more: ['email_templates'] },
});
