'use strict';
// Workflows of the output suite: the same Bento operations saved at version 1.1 and at 1.2
// (Simplify on by default, and off), so that one run shows what each version puts out.
const { bento, chain, code, trigger } = require('./workflows');

/** Manual Trigger, a Code node putting out `items`, then Bento at `version` with `parameters`. */
function outputWorkflow(id, name, version, parameters, items = [{}]) {
	return chain(id, name, [
		trigger(),
		code(`return ${JSON.stringify(items)}.map((json) => ({ json }));`),
		{ ...bento({ ...parameters, options: { retryDelay: 50 } }), typeVersion: version },
	]);
}

const sentBroadcasts = { resource: 'broadcast', operation: 'getAll', status: 'sent', limit: 3 };
const deleting = {
	resource: 'subscriber',
	operation: 'deletePersonalData',
	email: '={{ $json.email }}',
};
/** One person the stand-in knows (seeded by the suite) and one it does not. */
const PEOPLE = [{ email: 'leaving@example.com' }, { email: 'stranger@example.com' }];

module.exports = {
	PEOPLE,
	outputScenarios: () => [
		outputWorkflow('e2eOutBc11', 'E2E output broadcasts v1.1', 1.1, sentBroadcasts),
		outputWorkflow('e2eOutBc12', 'E2E output broadcasts v1.2 simplified', 1.2, sentBroadcasts),
		outputWorkflow('e2eOutBc12Raw', 'E2E output broadcasts v1.2 raw', 1.2, {
			...sentBroadcasts,
			simplify: false,
		}),
		outputWorkflow('e2eOutDel11', 'E2E output delete v1.1', 1.1, deleting, PEOPLE),
		outputWorkflow('e2eOutDel12', 'E2E output delete v1.2', 1.2, deleting, PEOPLE),
	],
};
