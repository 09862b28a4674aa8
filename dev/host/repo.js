'use strict';
// The repository's root, found from this package's own place in it (dev/host), so that dev code
// finds the repository's files wherever it runs from (test/, or bench's build in .bench-build/).
module.exports = { repoRoot: require('node:path').resolve(__dirname, '..', '..') };
