'use strict';
// The stand-in's endpoints, one module per area of Bento's API. Each module has `routes`
// ({method, path: string | RegExp, handle}) and optionally `init(store)` for its state.
module.exports = [
	require('./events'),
	require('./audience'),
	require('./sending'),
	require('./library'),
	require('./privacy'),
];
