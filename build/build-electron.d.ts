import type { BuildOptions } from 'esbuild';

/** Repository root. */
export declare const ROOT: string;
/** esbuild options of the main-process bundle (ESM, platform node, packages external). */
export declare function mainBuildOptions(root?: string): BuildOptions;
/** esbuild options of the preload bundle (CJS, everything but `electron` bundled). */
export declare function preloadBuildOptions(root?: string): BuildOptions;
/** Module names a CommonJS bundle requires at run time. */
export declare function requiredModules(code: string): string[];
/** Builds both bundles into dist/electron/. */
export declare function buildElectron(root?: string): Promise<void>;
