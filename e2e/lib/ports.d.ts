// Types of ports.js for the TypeScript tests.
export declare const PORT_RANGE: { first: number; last: number };
export declare function e2ePort(port: number, env?: Record<string, string | undefined>): number;
export declare function portBase(env?: Record<string, string | undefined>): number | undefined;
