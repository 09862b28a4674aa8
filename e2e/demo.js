'use strict';
// `npm run demo`: builds the package, starts the Bento sandbox, runs the bulk-import example
// workflow through a real n8n headlessly, and prints what "Bento" received. No account needed.
const { startBentoSandbox } = require('../sandbox/server');
const { loadExamples, sandboxCredential } = require('./lib/examples');
const { N8n, ensureN8n, installPackage, log, packPackage } = require('./lib/n8n');

const MAJOR = Number(process.env.DEMO_N8N_MAJOR ?? 1);
const EXAMPLE_ID = 'exBulkImport01';

async function main() {
	log('building and packing n8n-nodes-bentonow');
	const tarball = packPackage();
	ensureN8n(MAJOR);
	const sandbox = await startBentoSandbox({ port: 0 });
	const n8n = new N8n(MAJOR, { port: 5690 });
	try {
		log(`starting the Bento sandbox on ${sandbox.baseUrl} and a fresh n8n ${MAJOR}.x user folder`);
		installPackage(n8n.userFolder, tarball);
		await n8n.importCredentials([sandboxCredential(sandbox)]);
		await n8n.importWorkflows(loadExamples());
		log('running examples/bulk-import-csv.json headlessly (n8n execute)');
		const { ok, execution, output } = await n8n.execute(EXAMPLE_ID);
		if (!ok) throw new Error(`the workflow failed:\n${output.slice(-3000)}`);

		const out = execution.data.resultData.runData.Bento[0];
		const { requests, events } = sandbox.state;
		console.log('');
		const rows = execution.data.resultData.runData['Customers CSV'][0].data.main[0].length;
		console.log(
			`Bento node in n8n ${MAJOR}.x: ${rows} CSV rows in, ${out.data.main[0].length} items out, ${out.executionTime} ms`,
		);
		console.log('What the Bento sandbox received:');
		for (const r of requests) {
			console.log(
				`  ${r.method} ${r.path} -> ${r.status}, ${r.events} events, User-Agent "${r.userAgent}"`,
			);
		}
		console.log(`  ${events.length} events in ${requests.length} request(s). The first three:`);
		for (const event of events.slice(0, 3)) console.log(`    ${JSON.stringify(event)}`);
		console.log('');
		console.log('One output item of the node:');
		console.log(`  ${JSON.stringify(out.data.main[0][0].json)}`);
		console.log('');
		if (events.length === 0) throw new Error('the sandbox received no events');
		console.log(
			'Demo finished: the node works. Try `npm run dev` to open the editor with this workflow.',
		);
	} finally {
		n8n.cleanup();
		await sandbox.close();
	}
}

main().then(
	() => process.exit(0),
	(error) => {
		console.error(`Demo failed: ${error.message}`);
		process.exit(1);
	},
);
