import { describe, expect, it } from 'vitest';
import { formatAccountId, formatCountdown, identityLabel, ssoExpiryText } from './identity-text.js';

describe('identity text', () => {
  it('writes account ids as the console does', () => {
    expect(formatAccountId('123456789012')).toBe('1234-5678-9012');
    expect(formatAccountId('12345')).toBe('12345');
  });

  it('labels sandbox and AWS identities', () => {
    expect(
      identityLabel({
        workspaceId: 'w',
        state: 'ok',
        targetKind: 'sandbox',
        region: 'us-east-1',
        checkedAtMs: 0,
      }),
    ).toBe('Local sandbox · us-east-1');
    expect(
      identityLabel({
        workspaceId: 'w',
        state: 'ok',
        targetKind: 'aws',
        region: 'eu-west-1',
        profile: 'p',
        accountId: '123456789012',
        roleName: 'Admin',
        checkedAtMs: 0,
      }),
    ).toBe('AWS 1234-5678-9012 · Admin · eu-west-1 · profile p');
    expect(
      identityLabel({
        workspaceId: 'w',
        state: 'signInNeeded',
        targetKind: 'aws',
        region: 'eu-west-1',
        profile: 'p',
        checkedAtMs: 0,
      }),
    ).toBe('AWS · eu-west-1 · profile p');
  });

  it('says how long the SSO session lasts', () => {
    const hour = 3_600_000;
    expect(ssoExpiryText(3 * hour + 12 * 60_000 + 30_000, 0)).toBe(
      'SSO session expires in 3 h 12 min',
    );
    expect(ssoExpiryText(5 * 60_000, 0)).toBe('SSO session expires in 5 min');
    expect(ssoExpiryText(0, 1)).toBe('SSO session expired');
  });

  it('counts down in m:ss', () => {
    expect(formatCountdown(545_000)).toBe('9:05');
    expect(formatCountdown(-1)).toBe('0:00');
  });
});
