declare const nodeModule: typeof import('node:vm');
export = nodeModule;
