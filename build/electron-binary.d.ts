/**
 * The Electron executable the package at `packageDir` would run, or undefined when none is
 * installed; never downloads, never throws.
 */
export declare function electronBinaryIn(
  packageDir: string,
  env?: NodeJS.ProcessEnv,
  fileExists?: (file: string) => boolean,
): string | undefined;
/** The Electron executable of the `electron` package resolvable from `fromUrl`, if installed. */
export declare function installedElectronBinary(
  fromUrl: string,
  env?: NodeJS.ProcessEnv,
): string | undefined;
