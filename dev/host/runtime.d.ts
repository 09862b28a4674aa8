export declare const process: NodeJS.Process;
export declare const console: Console;
export declare const setTimeout: typeof import('node:timers').setTimeout;
export declare const clearTimeout: typeof import('node:timers').clearTimeout;
export declare const setInterval: typeof import('node:timers').setInterval;
export declare const clearInterval: typeof import('node:timers').clearInterval;
export declare const setImmediate: typeof import('node:timers').setImmediate;
export declare const clearImmediate: typeof import('node:timers').clearImmediate;
/** V8's collector when node runs with --expose-gc, else undefined. */
export declare function exposedGc(): (() => void) | undefined;
