// What the user pastes into Bento's Send webhook action. The output mapping (mapping.ts) is
// written against exactly these keys: change one here, change it there.

/** The header that carries the shared secret when the credential names none. */
export const DEFAULT_SECRET_HEADER = 'X-Bento-Secret';

/**
 * The Send webhook body, in Liquid. Quoted variables arrive as text ("" when empty); the event's
 * details go through the `json` filter unquoted so they arrive as real JSON (`null` when the
 * Bento workflow was not started by an event). Custom fields go inside `fields`, one line each.
 */
export const BODY_TEMPLATE = `{
  "email": "{{ visitor.email }}",
  "uuid": "{{ visitor.uuid }}",
  "first_name": "{{ visitor.first_name }}",
  "last_name": "{{ visitor.last_name }}",
  "tags": "{{ visitor.tags }}",
  "fields": {
    "company": "{{ visitor.company }}"
  },
  "event": {
    "type": "{{ event.type }}",
    "details": {{ event.details | json }}
  },
  "workflow": "{{ workflow.name }}"
}`;

/** The setup steps shown in the trigger's panel (n8n notices accept simple HTML). */
export const SETUP_NOTICE =
	'In Bento: Automate → open a workflow (any trigger: event, tag added, form submitted...) → add a <b>Send webhook</b> action. ' +
	"URL: this node's Production URL (above). Method: POST. " +
	"Headers: the header name and secret of this node's credential (default header <code>X-Bento-Secret</code>). " +
	'Body: copy <b>Body for Bento</b> below. Replace or remove the example field <code>company</code> with your own custom fields, one <code>"key": "{{ visitor.key }}"</code> line each.';
