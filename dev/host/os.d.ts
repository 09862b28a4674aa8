declare const nodeModule: typeof import('node:os');
export = nodeModule;
