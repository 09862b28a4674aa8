declare const nodeModule: typeof import('node:fs');
export = nodeModule;
