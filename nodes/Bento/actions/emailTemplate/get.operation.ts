import { getEntryOperation } from '../library.common';
import { templateLocator } from './templateLocator';

export const { description, execute } = getEntryOperation('emailTemplate', 'get', templateLocator, {
	endpoint: '/fetch/emails/templates',
	noun: 'email template',
});
