declare const nodeModule: typeof import('node:http');
export = nodeModule;
