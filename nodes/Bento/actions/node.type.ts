import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

// The one list of resource and operation values users' workflows save: never rename one that
// has shipped. The router's table and every resource's Operation picker are typed from it, so a
// misspelled or forgotten value is a compile error (test/unit/router.types.test.ts holds that).
export type NodeMap = {
	event: 'create';
	subscriber: 'get' | 'create' | 'deletePersonalData' | 'import' | 'runCommand' | 'search';
	tag: 'getAll' | 'create' | 'delete';
	field: 'getAll' | 'create';
	email: 'send';
	broadcast: 'getAll' | 'create';
	stats: 'getSite' | 'getSegment' | 'getReport' | 'getAds';
	sequence: 'getAll' | 'addEmail';
	workflow: 'getAll';
	emailTemplate: 'get' | 'update';
	segment: 'getAll' | 'get';
	form: 'getResponses';
	utility: 'validateEmail' | 'moderateContent' | 'guessGender' | 'geolocateIp' | 'checkBlacklist';
};

/** A value of the Resource picker. */
export type BentoResource = keyof NodeMap;

/** A value of resource `R`'s Operation picker. */
export type BentoOperation<R extends BentoResource> = NodeMap[R];

/**
 * One operation, as its `<operation>.operation.ts` exports it: its own parameters (made by
 * `operationDescription`, shown for its resource and operation only) and its execute.
 */
export type Operation = {
	description: INodeProperties[];
	execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[][]>;
};

/** Resource `R`'s operations, each under its value: exactly those of NodeMap, none misspelled. */
export type OperationsOf<R extends BentoResource> = Record<BentoOperation<R>, Operation>;
