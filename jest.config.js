/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	transform: {
		// Transpile only (isolatedModules in test/tsconfig.json): `npm run build` and the lint type-check the code; a type error in one
		// resource must not stop the tests of the others, and the suite runs faster.
		'^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/test/tsconfig.json' }],
		// n8n-core loads LangChain, which requires two ESM-only packages; compile them to CommonJS.
		'/node_modules/(p-retry|is-network-error)/.+\\.js$': [
			'ts-jest',
			{ tsconfig: { allowJs: true, module: 'commonjs' }, diagnostics: false },
		],
	},
	transformIgnorePatterns: ['/node_modules/(?!(p-retry|is-network-error)/)'],
	setupFiles: ['<rootDir>/test/setup.ts'],
	setupFilesAfterEnv: ['<rootDir>/test/setupAfterEnv.ts'],
	testTimeout: 30000,
	maxWorkers: 2,
	// With nock, axios' redirect layer starts its request-timeout timer after the mocked
	// response and never clears it; that idle timer must not keep Jest alive.
	forceExit: true,
};
