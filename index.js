'use strict';
// Lets the package be used from code (and tests) without knowing the dist/ layout.
// n8n itself loads the node and credential through the "n8n" section of package.json.
const { Bento } = require('./dist/nodes/Bento/Bento.node.js');
const { BentoApi } = require('./dist/credentials/BentoApi.credentials.js');

module.exports = { Bento, BentoApi };
