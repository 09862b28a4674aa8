declare const nodeModule: typeof import('node:inspector');
export = nodeModule;
