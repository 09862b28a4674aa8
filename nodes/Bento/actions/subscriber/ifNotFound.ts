import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

/**
 * The If Not Found option of an operation that looks a person up: "Return an Error" or the
 * operation's own other choice (its default). `what` ends the description: "... has no `what`".
 */
export function ifNotFoundOption(otherChoice: INodePropertyOptions, what: string): INodeProperties {
	const option: INodeProperties = {
		displayName: 'If Not Found',
		name: 'ifNotFound',
		type: 'options',
		options: [
			{
				name: 'Return an Error',
				value: 'error',
				description:
					'The item fails; with On Error set to Continue (using error output) it leaves by the error output',
			},
			otherChoice,
		],
		default: 'error',
		description: `What to do when Bento has no ${what}`,
	};
	option.default = otherChoice.value;
	return option;
}
