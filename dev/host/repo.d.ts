/** The repository's root directory (absolute). */
export declare const repoRoot: string;
