const { src, dest, parallel } = require('gulp');

// tsc emits only .js: what the node and credential point at must sit beside them in dist/.
function copyIcons() {
	return src('icons/*.svg').pipe(dest('dist/icons'));
}

// The codex file (categories, documentation links) that n8n reads next to the node's .js.
function copyCodex() {
	return src('nodes/**/*.node.json').pipe(dest('dist/nodes'));
}

exports['build:assets'] = parallel(copyIcons, copyCodex);
