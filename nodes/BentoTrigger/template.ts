// What the user pastes into Bento's Send webhook action. The output mapping (mapping.ts) is
// written against exactly these keys: change one here, change it there.

/** The header that carries the shared secret when the credential names none. */
export const DEFAULT_SECRET_HEADER = 'X-Bento-Secret';

/**
 * The Send webhook body, in Liquid. Every variable goes through Bento's `json` filter, unquoted:
 * Liquid pastes a quoted `"{{ x }}"` into the JSON text as it is, so a quote, a backslash, a line
 * break or a tab in a name would break the body (n8n then refuses it with 422 before the trigger
 * runs) or change its value; `{{ x | json }}` arrives as a JSON value, intact, and a missing one
 * as `null` (BENTO-WEBHOOKS.md). Custom fields go inside `fields`, one line each.
 */
export const BODY_TEMPLATE = `{
  "email": {{ visitor.email | json }},
  "uuid": {{ visitor.uuid | json }},
  "first_name": {{ visitor.first_name | json }},
  "last_name": {{ visitor.last_name | json }},
  "tags": {{ visitor.tags | json }},
  "fields": {
    "company": {{ visitor.company | json }}
  },
  "event": {
    "type": {{ event.type | json }},
    "details": {{ event.details | json }}
  },
  "workflow": {{ workflow.name | json }}
}`;

/** The setup steps shown in the trigger's panel (n8n notices accept simple HTML). */
export const SETUP_NOTICE =
	'In Bento: Automate → open a workflow (any trigger: event, tag added, form submitted...) → add a <b>Send webhook</b> action. ' +
	"URL: this node's Production URL (above). Method: POST. " +
	"Headers: the header name and secret of this node's credential (default header <code>X-Bento-Secret</code>). " +
	'Body: copy <b>Body for Bento</b> below. Replace or remove the example field <code>company</code> with your own custom fields, one <code>"key": {{ visitor.key | json }}</code> line each: ' +
	'always <code>| json</code> and no quotes around <code>{{ }}</code>, so quotes, line breaks and emoji in a value arrive intact.';
