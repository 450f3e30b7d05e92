// @vitest-environment jsdom
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { setBridge } from '../../api/client.js';
import { StudioTopNavigation } from '../../app/StudioTopNavigation.js';
import { fakeWorkspace, renderWithStudio } from '../../test-support/fake-studio.js';
import { shownWorkspaceName } from './WorkspaceSwitcher.js';

afterEach(() => {
  cleanup();
  setBridge(undefined);
});

const WORKSPACES = [
  fakeWorkspace(),
  fakeWorkspace({
    id: 'w2',
    name: 'Customer A',
    target: { kind: 'aws', profile: 'customer-a', region: 'eu-west-1' },
    accountId: '111122223333',
  }),
];

const SWITCHER = 'First POC. Switch workspace';

/** The top bar as the app draws it, on workspace "First POC"; opens the switcher. */
function renderSwitcher() {
  const handlers = {
    onSelectWorkspace: vi.fn(),
    onNewWorkspace: vi.fn(),
    onManageWorkspaces: vi.fn(),
  };
  renderWithStudio(
    <StudioTopNavigation
      workspaces={WORKSPACES}
      currentId="w1"
      runningJobs={0}
      onToggleJobs={() => undefined}
      {...handlers}
    />,
    { 'inventory.runningCost': () => ({ campaigns: [], recommenders: [], workspaces: [] }) },
  );
  fireEvent.click(screen.getByRole('button', { name: SWITCHER }));
  return handlers;
}

describe('the top bar workspace switcher', () => {
  it('shows the current workspace by name, as a workspace switcher and not a search, and lists every workspace with its target', () => {
    renderSwitcher();
    const trigger = screen.getByRole('button', { name: SWITCHER });
    expect(trigger.textContent).toContain('First POC');
    expect(screen.queryByRole('button', { name: /search/iu })).toBeNull();
    const items = screen.getAllByRole('menuitem').map((item) => item.textContent);
    expect(items).toEqual([
      'First POCLocal sandbox · us-east-1',
      'Customer AAWS profile customer-a · eu-west-1 · 1111-2222-3333',
      'New workspace…',
      'Manage workspaces',
    ]);
  });

  it('switches to another workspace; choosing the shown one does nothing', () => {
    const { onSelectWorkspace } = renderSwitcher();
    fireEvent.click(screen.getByRole('menuitem', { name: /^Customer A/u }));
    expect(onSelectWorkspace).toHaveBeenCalledWith('w2');
    fireEvent.click(screen.getByRole('button', { name: SWITCHER }));
    fireEvent.click(screen.getByRole('menuitem', { name: /^First POC/u }));
    expect(onSelectWorkspace).toHaveBeenCalledTimes(1);
  });

  it('opens "New workspace…" and "Manage workspaces"', () => {
    const { onNewWorkspace, onManageWorkspaces } = renderSwitcher();
    fireEvent.click(screen.getByRole('menuitem', { name: 'New workspace…' }));
    expect(onNewWorkspace).toHaveBeenCalledTimes(1);
    fireEvent.click(screen.getByRole('button', { name: SWITCHER }));
    fireEvent.click(screen.getByRole('menuitem', { name: 'Manage workspaces' }));
    expect(onManageWorkspaces).toHaveBeenCalledTimes(1);
  });
});

describe('shownWorkspaceName', () => {
  it('keeps a name of up to 24 characters whole and cuts a longer one with …, never inside a letter', () => {
    expect(shownWorkspaceName('First POC')).toBe('First POC');
    expect(shownWorkspaceName('x'.repeat(24))).toBe('x'.repeat(24));
    expect(shownWorkspaceName('Retail — Ünïcode & <b>bold</b>')).toBe('Retail — Ünïcode & <b>b…');
    // "é" written as e + combining accent stays one letter.
    expect(shownWorkspaceName('e\u0301'.repeat(30))).toBe(`${'e\u0301'.repeat(23)}…`);
  });
});
