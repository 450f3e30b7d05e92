// @ts-check
/**
 * The Electron majors the studio may pin, kept in one place (SECURITY.md §1 item 16).
 *
 * Electron supports the three newest stable majors and ships a new major about every eight
 * weeks, so major N leaves support on the day N+3 is released. Release dates of released
 * majors are the publication times of `electron@N.0.0` on the npm registry
 * (`npm view electron time`); later ones are projected from the published release schedule
 * (releases.electronjs.org/schedule) and marked `projected`.
 *
 * Checked on 2026-12-01 (registry dist-tag `latest`: 45.5.0). Refresh the table when a
 * projected date passes or every few months: the check below fails once the table is stale.
 */

/** Day the table was last compared with the registry and the schedule (YYYY-MM-DD). */
export const CHECKED_ON = '2026-12-01';

/** Where the dates come from. */
export const SOURCE =
  'npm registry publication time of electron@N.0.0; releases.electronjs.org/schedule for projected majors';

/** How many of the newest stable majors Electron supports. */
export const SUPPORTED_MAJOR_COUNT = 3;

/** Longest the table may go unrefreshed past its last date, in days. */
export const MAX_STALE_DAYS = 120;

/**
 * Stable release day of each major, oldest first.
 * @type {ReadonlyArray<{ readonly major: number, readonly releasedOn: string, readonly projected?: true }>}
 */
export const ELECTRON_RELEASES = [
  { major: 40, releasedOn: '2026-01-16' },
  { major: 41, releasedOn: '2026-03-11' },
  { major: 42, releasedOn: '2026-05-06' },
  { major: 43, releasedOn: '2026-07-01' },
  { major: 44, releasedOn: '2026-08-25' },
  { major: 45, releasedOn: '2026-10-21' },
  { major: 46, releasedOn: '2026-12-16', projected: true },
  { major: 47, releasedOn: '2027-02-10', projected: true },
  { major: 48, releasedOn: '2027-04-07', projected: true },
];

/**
 * The supported majors on a day: the {@link SUPPORTED_MAJOR_COUNT} newest majors released on
 * or before it, newest first.
 * @param {Date} day
 * @param {typeof ELECTRON_RELEASES} releases
 * @returns {number[]}
 */
export function supportedMajorsOn(day, releases = ELECTRON_RELEASES) {
  const released = releases.filter(
    (release) => Date.parse(`${release.releasedOn}T00:00:00Z`) <= day.getTime(),
  );
  return released
    .map((release) => release.major)
    .sort((a, b) => b - a)
    .slice(0, SUPPORTED_MAJOR_COUNT);
}

/**
 * The major of a semver range such as `^45.5.0` or `45.5.0`.
 * @param {string} range
 * @returns {number}
 * @throws Error when the range does not start with a major version.
 */
export function majorOfRange(range) {
  const match = /^[\^~>=\s]*(\d+)\./.exec(range);
  if (match?.[1] === undefined) throw new Error(`Cannot read a major version from "${range}".`);
  return Number(match[1]);
}

/**
 * Problems with a pinned Electron range on a day: out of support, or a stale table.
 * Empty when the pin is fine.
 * @param {string} range the `electron` entry of package.json
 * @param {Date} day
 * @param {typeof ELECTRON_RELEASES} releases
 * @returns {string[]}
 */
export function electronSupportProblems(range, day, releases = ELECTRON_RELEASES) {
  const problems = [];
  const major = majorOfRange(range);
  const supported = supportedMajorsOn(day, releases);
  if (!supported.includes(major)) {
    problems.push(
      `Electron ${major} is out of support on ${day.toISOString().slice(0, 10)}; supported majors: ${supported.join(', ')}. Bump the electron entry of package.json.`,
    );
  }
  const last = releases.at(-1);
  if (last !== undefined) {
    const staleAfterMs = Date.parse(`${last.releasedOn}T00:00:00Z`) + MAX_STALE_DAYS * 86_400_000;
    if (day.getTime() > staleAfterMs) {
      problems.push(
        `build/electron-support.js ends at Electron ${last.major} (${last.releasedOn}); add the newer majors from the registry and the schedule.`,
      );
    }
  }
  return problems;
}
