import { listOperation } from '../library.common';

export const { description, execute } = listOperation('sequence', 'getAll', {
	endpoint: '/fetch/sequences',
	paged: true,
	noun: 'sequences',
	// Each sequence lists its emails with their stats: the answer grows with every email.
	simplify: { fields: ['id', 'name', 'created_at'], more: ['email_templates'] },
});
