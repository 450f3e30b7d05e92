import { describe, expect, it } from 'vitest';
import { dryRunOutdatedReason } from './dry-run-outdated.js';

const asked = {
  filterExpression: 'EXCLUDE ItemID WHERE Items.GENRE IN ($GENRE)',
  userId: '414',
  filterValues: { GENRE: '"Drama"' },
};

describe('dryRunOutdatedReason', () => {
  it('is undefined while the form asks what the result answered, whatever the order of the values', () => {
    expect(dryRunOutdatedReason(asked, { ...asked })).toBeUndefined();
    expect(
      dryRunOutdatedReason(
        { ...asked, filterValues: { A: '1', B: '2' } },
        { ...asked, filterValues: { B: '2', A: '1' } },
      ),
    ).toBeUndefined();
    expect(
      dryRunOutdatedReason({ ...asked, filterValues: {} }, { ...asked, filterValues: undefined }),
    ).toBeUndefined();
  });

  it('names what changed: the expression, the user, the values, or several', () => {
    expect(
      dryRunOutdatedReason(asked, { ...asked, filterExpression: 'EXCLUDE ItemID WHERE' }),
    ).toBe('Outdated: the expression changed — run again.');
    expect(dryRunOutdatedReason(asked, { ...asked, userId: '1' })).toBe(
      'Outdated: the user changed — run again.',
    );
    expect(dryRunOutdatedReason(asked, { ...asked, filterValues: { GENRE: '"Comedy"' } })).toBe(
      'Outdated: the values changed — run again.',
    );
    expect(
      dryRunOutdatedReason(asked, { ...asked, userId: '1', filterValues: { GENRE: '"Comedy"' } }),
    ).toBe('Outdated: the user and the values changed — run again.');
    expect(
      dryRunOutdatedReason(asked, { filterExpression: 'x', userId: '1', filterValues: {} }),
    ).toBe('Outdated: the expression, the user and the values changed — run again.');
  });
});
