/** The parts of electron-builder's AfterPackContext the hook reads. */
export interface PackedApp {
  readonly appOutDir: string;
  /** `darwin`, `mas`, `win32` or `linux`. */
  readonly electronPlatformName: string;
  /** electron-builder `Arch`. */
  readonly arch: number;
  readonly packager: {
    readonly appInfo: { readonly productFilename: string };
    readonly executableName?: string;
  };
}
/** The fuse settings of SECURITY.md §2 (FuseV1Options index → on/off). */
export declare const STUDIO_FUSES: Readonly<Record<number, boolean>>;
/** Path of the packaged Electron executable (the `.app` bundle on macOS). */
export declare function packedExecutable(context: PackedApp): string;
/** Fuses of a packaged executable that differ from {@link STUDIO_FUSES}. */
export declare function fuseMismatches(executable: string): Promise<string[]>;
/** The afterPack hook: flips the fuses and reads them back. */
export declare function afterPack(context: PackedApp): Promise<void>;
