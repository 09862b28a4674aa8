import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

// Hints for n8n's AI workflow builder. n8n 2.x reads `builderHint` on a node's description
// (`IBuilderHint`: `searchHint`, `relatedNodes`) and on its parameters and options
// (`IParameterBuilderHint`: `propertyHint`), as n8n-workflow 2.x declares them; n8n 1.x ignores
// the keys. Our n8n-workflow 1.120 types lack them, so they are declared here, in the same shape,
// and added by typed helpers instead of casts.

/** n8n-workflow 2.x's `IParameterBuilderHint`. */
export interface ParameterBuilderHint {
	/** What the builder should know when it sets this parameter. */
	propertyHint: string;
	/** Whether a placeholder value is acceptable while the workflow is being built. */
	placeholderSupported?: boolean;
}

/** n8n-workflow 2.x's `IBuilderHint` (the parts this package uses). */
export interface NodeBuilderHint {
	/** Read by the builder's node search: when to pick this node. */
	searchHint?: string;
	/** Nodes that work together with this one, and how. */
	relatedNodes?: Array<{ nodeType: string; relationHint: string }>;
}

/** `property` with a builder hint; still an INodeProperties for 1.x's types. */
export function withBuilderHint<T extends INodeProperties | INodePropertyOptions>(
	property: T,
	builderHint: ParameterBuilderHint,
): T & { builderHint: ParameterBuilderHint } {
	return { ...property, builderHint };
}

/**
 * `{builderHint}` to spread into a node's description: n8n 2.x reads it, 1.x ignores it (a
 * spread keeps 1.x's INodeTypeDescription type without a cast).
 */
export function nodeBuilderHint(builderHint: NodeBuilderHint): { builderHint: NodeBuilderHint } {
	return { builderHint };
}
