import type { AllEntities } from 'n8n-workflow';

type NodeMap = {
	event: 'create';
};

export type BentoType = AllEntities<NodeMap>;
