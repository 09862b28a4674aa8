'use strict';
// The Node runtime's globals, for dev code that imports them by name. Read from the global scope
// of whoever loads this file (under jest: the test's sandbox, with jest's process, console and
// fake timers), and timers at each call, so importing them changes nothing about what they do.
module.exports = {
	process,
	console,
	setTimeout: (...args) => globalThis.setTimeout(...args),
	clearTimeout: (...args) => globalThis.clearTimeout(...args),
	setInterval: (...args) => globalThis.setInterval(...args),
	clearInterval: (...args) => globalThis.clearInterval(...args),
	setImmediate: (...args) => globalThis.setImmediate(...args),
	clearImmediate: (...args) => globalThis.clearImmediate(...args),
	/** V8's collector when node runs with --expose-gc, else undefined. */
	exposedGc: () => globalThis.gc,
};
