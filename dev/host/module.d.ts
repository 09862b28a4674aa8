declare const nodeModule: typeof import('node:module');
export = nodeModule;
