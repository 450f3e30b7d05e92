// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Identity } from '../../../../shared/ipc/accounts.js';
import { setBridge } from '../../api/client.js';
import { queryKeys } from '../../api/query-keys.js';
import {
  fakeWorkspace,
  renderWithStudio,
  type FakeHandler,
} from '../../test-support/fake-studio.js';
import { AccountBanner } from './AccountBanner.js';

afterEach(() => {
  cleanup();
  setBridge(undefined);
  vi.useRealTimers();
});

const CUSTOMER = fakeWorkspace({
  id: 'w2',
  name: 'Customer A',
  target: { kind: 'aws', profile: 'customer-a', region: 'eu-west-1' },
});
const AWS_IDENTITY: Identity = {
  workspaceId: 'w2',
  state: 'ok',
  targetKind: 'aws',
  region: 'eu-west-1',
  profile: 'customer-a',
  accountId: '111122223333',
  roleName: 'ConsultantRole',
  checkedAtMs: 0,
};

function renderBanner(
  identity: Partial<Identity>,
  handlers: Partial<Record<string, FakeHandler>> = {},
) {
  return renderWithStudio(<AccountBanner workspace={CUSTOMER} />, {
    'accounts.identity': () => ({ ...AWS_IDENTITY, ...identity }),
    ...handlers,
  });
}

async function banner(state: string): Promise<HTMLElement> {
  await waitFor(() => expect(screen.getByTestId('account-banner').dataset.state).toBe(state));
  return screen.getByTestId('account-banner');
}

describe('AccountBanner', () => {
  it('ok on the Local sandbox', async () => {
    renderWithStudio(<AccountBanner workspace={fakeWorkspace()} />, {
      'accounts.identity': () => ({
        workspaceId: 'w1',
        state: 'ok',
        targetKind: 'sandbox',
        region: 'us-east-1',
        checkedAtMs: 0,
      }),
    });
    expect((await banner('ok')).textContent).toContain('Local sandbox · us-east-1');
  });

  it('ok on AWS: account, role, region, profile and the SSO session time left', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(0);
    renderBanner({ ssoExpiresAtMs: (3 * 60 + 12) * 60_000 + 5_000 });
    const element = await banner('ok');
    expect(within(element).getByTestId('account-label').textContent).toBe(
      'AWS 1111-2222-3333 · ConsultantRole · eu-west-1 · profile customer-a',
    );
    expect(within(element).getByTestId('sso-expiry').textContent).toBe(
      'SSO session expires in 3 h 12 min',
    );
  });

  it('wrong account: an error naming both accounts', async () => {
    renderBanner({
      state: 'wrongAccount',
      accountId: '999988887777',
      expectedAccountId: '111122223333',
    });
    const text = (await banner('wrongAccount')).textContent;
    expect(text).toContain(
      'resolves to account 9999-8888-7777, but this workspace belongs to account 1111-2222-3333',
    );
    expect(text).toContain('refuses every create and delete');
  });

  it('error: says what happened and checks again on demand', async () => {
    const identity = vi
      .fn()
      .mockReturnValueOnce({ ...AWS_IDENTITY, state: 'error', message: 'connect ECONNREFUSED' })
      .mockReturnValue(AWS_IDENTITY);
    renderWithStudio(<AccountBanner workspace={CUSTOMER} />, { 'accounts.identity': identity });
    expect((await banner('error')).textContent).toContain(
      'The account could not be checked: connect ECONNREFUSED',
    );
    fireEvent.click(screen.getByRole('button', { name: 'Check again' }));
    await banner('ok');
  });

  it('mfa needed: the code dialog sends 6 digits only', async () => {
    const mfa = vi.fn(() => ({}));
    renderBanner({ state: 'mfaNeeded' }, { 'accounts.mfa': mfa });
    await banner('mfaNeeded');
    fireEvent.click(screen.getByRole('button', { name: 'Enter MFA code' }));
    const dialog = screen.getByRole('dialog');
    expect(dialog.textContent).toContain('MFA code for profile customer-a');
    fireEvent.change(within(dialog).getByRole('textbox', { name: 'MFA code' }), {
      target: { value: '12345' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Send code' }));
    expect(within(dialog).getByText('An MFA code has 6 digits.')).toBeTruthy();
    fireEvent.change(within(dialog).getByRole('textbox', { name: 'MFA code' }), {
      target: { value: '123456' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Send code' }));
    await waitFor(() => expect(mfa).toHaveBeenCalledWith({ workspaceId: 'w2', code: '123456' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('sign-in needed: "Sign in" shows link, code and countdown, and closes when the sign-in succeeds', async () => {
    vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'], shouldAdvanceTime: true });
    vi.setSystemTime(1_000_000);
    const signIn = {
      workspaceId: 'w2',
      state: 'pending' as const,
      verificationUriComplete: 'https://device.sso.eu-west-1.amazonaws.com/?user_code=ABCD-EFGH',
      userCode: 'ABCD-EFGH',
      expiresAtMs: 1_000_000 + 600_000,
    };
    const { queryClient } = renderBanner(
      { state: 'signInNeeded', message: 'the SSO session expired' },
      { 'accounts.signIn': () => signIn },
    );
    expect((await banner('signInNeeded')).textContent).toContain(
      "This workspace's jobs are paused until you sign in.",
    );
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    const dialog = await screen.findByRole('dialog');
    await waitFor(() =>
      expect(within(dialog).getByTestId('sign-in-code').textContent).toBe('ABCD-EFGH'),
    );
    const link = within(dialog).getByRole('link', { name: /sign-in page/u });
    expect(link.getAttribute('href')).toBe(signIn.verificationUriComplete);
    expect(link.getAttribute('target')).toBe('_blank');
    expect(within(dialog).getByTestId('sign-in-countdown').textContent).toContain('10:00');
    act(() => {
      vi.advanceTimersByTime(65_000);
    });
    await waitFor(() =>
      expect(within(dialog).getByTestId('sign-in-countdown').textContent).toContain('8:55'),
    );
    // accounts.didChange brings the success (live-updates.ts puts it in this cache).
    act(() => {
      queryClient.setQueryData(queryKeys.signIn('w2'), { ...signIn, state: 'succeeded' });
    });
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('sign-in failure: the dialog says why', async () => {
    const signIn = {
      workspaceId: 'w2',
      state: 'pending' as const,
      verificationUriComplete: 'https://x/?c=1',
      userCode: 'WXYZ-0000',
      expiresAtMs: Date.now() + 600_000,
    };
    const { queryClient } = renderBanner(
      { state: 'signInNeeded' },
      { 'accounts.signIn': () => signIn },
    );
    await banner('signInNeeded');
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    const dialog = await screen.findByRole('dialog');
    await waitFor(() =>
      expect(within(dialog).getByTestId('sign-in-code').textContent).toBe('WXYZ-0000'),
    );
    act(() => {
      queryClient.setQueryData(queryKeys.signIn('w2'), {
        ...signIn,
        state: 'failed',
        message: 'The request was denied.',
      });
    });
    await waitFor(() => expect(dialog.textContent).toContain('The sign-in failed'));
    expect(dialog.textContent).toContain('The request was denied.');
  });

  it('sign-in that cannot start: the error shows under the bar', async () => {
    renderBanner({ state: 'signInNeeded' });
    await banner('signInNeeded');
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect((await screen.findByTestId('sign-in-error')).textContent).toContain(
      'accounts.signIn is not faked',
    );
  });
});
