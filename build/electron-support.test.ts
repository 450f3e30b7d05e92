import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ELECTRON_RELEASES,
  electronSupportProblems,
  majorOfRange,
  supportedMajorsOn,
} from './electron-support.js';

const manifest = JSON.parse(
  readFileSync(path.resolve(import.meta.dirname, '..', 'package.json'), 'utf8'),
) as {
  optionalDependencies?: Record<string, string>;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
};
const pinned = manifest.optionalDependencies?.electron ?? '';

describe('the pinned Electron', () => {
  it('is an optional dependency (installs where the binary cannot be downloaded)', () => {
    expect(pinned).not.toBe('');
    expect(manifest.dependencies?.electron).toBeUndefined();
    expect(manifest.devDependencies?.electron).toBeUndefined();
  });

  it('is one of the supported majors today, and the table is fresh', () => {
    expect(electronSupportProblems(pinned, new Date())).toEqual([]);
  });

  it('matches the lock file', () => {
    const lock = JSON.parse(
      readFileSync(path.resolve(import.meta.dirname, '..', 'package-lock.json'), 'utf8'),
    ) as {
      packages: Record<string, { version?: string } | undefined>;
    };
    expect(majorOfRange(lock.packages['node_modules/electron']?.version ?? '')).toBe(
      majorOfRange(pinned),
    );
  });
});

describe('supportedMajorsOn', () => {
  it('keeps the three newest released majors', () => {
    expect(supportedMajorsOn(new Date('2026-12-01T12:00:00Z'))).toEqual([45, 44, 43]);
    expect(supportedMajorsOn(new Date('2026-10-21T00:00:00Z'))).toEqual([45, 44, 43]);
    expect(supportedMajorsOn(new Date('2026-10-20T23:59:59Z'))).toEqual([44, 43, 42]);
    expect(supportedMajorsOn(new Date('2027-04-08T00:00:00Z'))).toEqual([48, 47, 46]);
  });

  it('reports a major that left support, and a stale table', () => {
    expect(electronSupportProblems('^38.8.6', new Date('2026-12-01T00:00:00Z'))).toEqual([
      expect.stringContaining('Electron 38 is out of support'),
    ]);
    expect(electronSupportProblems('^45.5.0', new Date('2027-04-07T00:00:00Z'))[0]).toContain(
      'Electron 45 is out of support',
    );
    const last = ELECTRON_RELEASES.at(-1)?.releasedOn ?? '';
    const late = new Date(Date.parse(`${last}T00:00:00Z`) + 200 * 86_400_000);
    expect(
      electronSupportProblems('^99.0.0', late, [
        ...ELECTRON_RELEASES,
        { major: 99, releasedOn: last },
      ]),
    ).toEqual([expect.stringContaining('add the newer majors')]);
    expect(() => majorOfRange('latest')).toThrow(/major/);
  });
});
