declare const nodeModule: typeof import('node:path');
export = nodeModule;
