/** One stable Electron major and the day it was (or is projected to be) released. */
export interface ElectronRelease {
  readonly major: number;
  /** YYYY-MM-DD. */
  readonly releasedOn: string;
  readonly projected?: true;
}
/** Day the table was last checked (YYYY-MM-DD). */
export declare const CHECKED_ON: string;
/** Where the dates come from. */
export declare const SOURCE: string;
/** How many of the newest stable majors Electron supports. */
export declare const SUPPORTED_MAJOR_COUNT: number;
/** Longest the table may go unrefreshed past its last date, in days. */
export declare const MAX_STALE_DAYS: number;
/** Stable release day of each major, oldest first. */
export declare const ELECTRON_RELEASES: readonly ElectronRelease[];
/** The supported majors on a day, newest first. */
export declare function supportedMajorsOn(
  day: Date,
  releases?: readonly ElectronRelease[],
): number[];
/** The major of a semver range such as `^45.5.0`. */
export declare function majorOfRange(range: string): number;
/** Problems with a pinned Electron range on a day; empty when fine. */
export declare function electronSupportProblems(
  range: string,
  day: Date,
  releases?: readonly ElectronRelease[],
): string[];
