import type { AllEntities } from 'n8n-workflow';

// The resource and operation values users' workflows save: never rename one that has shipped.
type NodeMap = {
	event: 'create';
	subscriber: 'get' | 'create' | 'deletePersonalData' | 'import' | 'runCommand';
	tag: 'getAll' | 'create';
	field: 'getAll' | 'create';
	email: 'send';
	broadcast: 'getAll' | 'create';
	stats: 'getSite' | 'getSegment' | 'getReport';
	sequence: 'getAll' | 'addEmail';
	workflow: 'getAll';
	emailTemplate: 'get' | 'update';
	segment: 'getAll' | 'get';
	form: 'getResponses';
	utility: 'validateEmail' | 'moderateContent' | 'guessGender' | 'geolocateIp' | 'checkBlacklist';
};

export type BentoType = AllEntities<NodeMap>;
