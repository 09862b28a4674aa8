import type { IDataObject } from 'n8n-workflow';

import { type Checked, Invalid } from '../../helpers/invalid';
import { checkEmail, checkFlatObject, describe, requiredText } from '../../helpers/validation';

/** One email as Bento's `POST /batch/emails` takes it. */
export interface BentoEmail extends IDataObject {
	to: string;
	from: string;
	subject: string;
	html_body: string;
	transactional: boolean;
	personalizations?: IDataObject;
}

/** The keys an auto-mapped item may hold: the email as Bento takes it. */
export const EMAIL_KEYS = new Set([
	'to',
	'from',
	'subject',
	'html_body',
	'transactional',
	'personalizations',
]);

/** Validates one email; the HTML body goes out exactly as given, never rewritten. */
export function toBentoEmail(input: IDataObject): Checked<BentoEmail> {
	const to = checkEmail(input.to, 'to');
	if (to instanceof Invalid) return to;
	const from = checkEmail(input.from, 'from');
	if (from instanceof Invalid) return from;
	const subject = requiredText(input.subject, 'subject');
	if (subject instanceof Invalid) return subject;
	const body = requiredText(input.html_body, 'html_body');
	if (body instanceof Invalid) return body;
	const transactional = input.transactional ?? false;
	if (typeof transactional !== 'boolean') {
		return new Invalid(
			'transactional',
			`transactional must be true or false (got ${describe(transactional)})`,
		);
	}
	const personalizations = checkFlatObject(input.personalizations, 'personalizations');
	if (personalizations instanceof Invalid) return personalizations;

	const email: BentoEmail = {
		to,
		from,
		subject,
		html_body: input.html_body as string,
		transactional,
	};
	if (personalizations) email.personalizations = personalizations;
	return email;
}
