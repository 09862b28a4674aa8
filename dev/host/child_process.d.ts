declare const nodeModule: typeof import('node:child_process');
export = nodeModule;
