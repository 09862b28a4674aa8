import { locator } from '../library.common';

/** The email template picker of Get and Update. */
export const templateLocator = locator({
	displayName: 'Email Template',
	name: 'templateId',
	noun: 'template',
	searchListMethod: 'searchEmailTemplates',
	placeholder: 'e.g. 1234',
	description:
		"The email template: the list shows the emails of the site's sequences and workflows; By ID takes any template's numeric ID",
});
