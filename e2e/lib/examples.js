'use strict';
const fs = require('node:fs');
const path = require('node:path');

const { ROOT } = require('./n8n');

const EXAMPLES_DIR = path.join(ROOT, 'examples');

/** The importable example workflows in examples/, parsed. */
function loadExamples() {
	return fs
		.readdirSync(EXAMPLES_DIR)
		.filter((file) => file.endsWith('.json'))
		.sort()
		.map((file) => JSON.parse(fs.readFileSync(path.join(EXAMPLES_DIR, file), 'utf8')));
}

/** The credential the examples use ("Bento sandbox"), pointed at a running sandbox. */
function sandboxCredential(sandbox) {
	return {
		id: 'bentoSandbox01',
		name: 'Bento sandbox',
		type: 'bentoApi',
		data: { ...sandbox.keys, baseUrl: sandbox.baseUrl },
	};
}

module.exports = { loadExamples, sandboxCredential };
