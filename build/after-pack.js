// @ts-check
/**
 * electron-builder's afterPack hook: flips the Electron fuses of SECURITY.md §2 in the packaged
 * binary with `@electron/fuses`, before code signing (so the signature covers them), then reads
 * them back and fails the build when any fuse is not as configured.
 */
import path from 'node:path';
import {
  flipFuses,
  FuseState,
  FuseV1Options,
  FuseVersion,
  getCurrentFuseWire,
} from '@electron/fuses';

/** electron-builder's `Arch.arm64` (numeric enum value). */
const ARCH_ARM64 = 3;

/**
 * The fuse settings of SECURITY.md §2, one entry per fuse the studio decides; every other fuse
 * keeps Electron's default.
 * @type {Readonly<Record<number, boolean>>}
 */
export const STUDIO_FUSES = Object.freeze({
  [FuseV1Options.RunAsNode]: false,
  [FuseV1Options.EnableCookieEncryption]: true,
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
});

/**
 * @typedef {object} PackedApp The parts of electron-builder's AfterPackContext the hook reads.
 * @property {string} appOutDir
 * @property {string} electronPlatformName `darwin`, `mas`, `win32` or `linux`
 * @property {number} arch electron-builder `Arch`
 * @property {{ appInfo: { productFilename: string }, executableName?: string }} packager
 */

/**
 * Path of the packaged Electron executable (the `.app` bundle on macOS).
 * @param {PackedApp} context
 * @returns {string}
 */
export function packedExecutable(context) {
  const name = context.packager.appInfo.productFilename;
  switch (context.electronPlatformName) {
    case 'darwin':
    case 'mas':
      return path.join(context.appOutDir, `${name}.app`);
    case 'win32':
      return path.join(context.appOutDir, `${name}.exe`);
    default:
      return path.join(context.appOutDir, context.packager.executableName ?? name);
  }
}

/**
 * Reads the fuses of a packaged executable back and lists the ones that differ from
 * {@link STUDIO_FUSES} (empty when all match).
 * @param {string} executable
 * @returns {Promise<string[]>}
 */
export async function fuseMismatches(executable) {
  const wire = /** @type {Record<string, unknown>} */ (await getCurrentFuseWire(executable));
  return Object.entries(STUDIO_FUSES).flatMap(([index, enabled]) => {
    const expected = enabled ? FuseState.ENABLE : FuseState.DISABLE;
    return wire[index] === expected
      ? []
      : [`${FuseV1Options[Number(index)] ?? index}: expected ${enabled ? 'on' : 'off'}`];
  });
}

/**
 * The afterPack hook (electron-builder calls the export named after the hook).
 * @param {PackedApp} context
 * @returns {Promise<void>}
 * @throws Error when a fuse reads back different from {@link STUDIO_FUSES}.
 */
export async function afterPack(context) {
  const executable = packedExecutable(context);
  await flipFuses(executable, {
    version: FuseVersion.V1,
    // Apple Silicon refuses to run a binary whose ad-hoc signature no longer matches.
    resetAdHocDarwinSignature:
      context.electronPlatformName === 'darwin' && context.arch === ARCH_ARM64,
    ...STUDIO_FUSES,
  });
  const mismatches = await fuseMismatches(executable);
  if (mismatches.length > 0)
    throw new Error(`Fuses of ${executable} did not flip: ${mismatches.join('; ')}`);
}
