// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeWorkspace } from '../../test-support/fake-studio.js';
import { WorkspaceSwitcher } from './WorkspaceSwitcher.js';

afterEach(cleanup);

const WORKSPACES = [
  fakeWorkspace(),
  fakeWorkspace({
    id: 'w2',
    name: 'Customer A',
    target: { kind: 'aws', profile: 'customer-a', region: 'eu-west-1' },
    accountId: '111122223333',
  }),
];

function renderSwitcher() {
  const handlers = { onSelect: vi.fn(), onNew: vi.fn(), onManage: vi.fn() };
  render(<WorkspaceSwitcher workspaces={WORKSPACES} currentId="w1" {...handlers} />);
  fireEvent.click(screen.getByRole('button', { name: 'Workspace: First POC. Switch workspace' }));
  return handlers;
}

describe('WorkspaceSwitcher', () => {
  it('shows the current workspace and lists every workspace with its target', () => {
    renderSwitcher();
    expect(screen.getByTestId('current-workspace').textContent).toBe('First POC');
    const items = screen.getAllByRole('menuitem').map((item) => item.textContent);
    expect(items).toEqual([
      'First POCLocal sandbox · us-east-1',
      'Customer AAWS profile customer-a · eu-west-1 · 1111-2222-3333',
      'New workspace…',
      'Manage workspaces',
    ]);
  });

  it('switches to another workspace; choosing the shown one does nothing', () => {
    const { onSelect } = renderSwitcher();
    fireEvent.click(screen.getByRole('menuitem', { name: /^Customer A/u }));
    expect(onSelect).toHaveBeenCalledWith('w2');
    fireEvent.click(screen.getByRole('button', { name: 'Workspace: First POC. Switch workspace' }));
    fireEvent.click(screen.getByRole('menuitem', { name: /^First POC/u }));
    expect(onSelect).toHaveBeenCalledTimes(1);
  });

  it('opens "New workspace…" and "Manage workspaces"', () => {
    const { onNew, onManage } = renderSwitcher();
    fireEvent.click(screen.getByRole('menuitem', { name: 'New workspace…' }));
    expect(onNew).toHaveBeenCalledTimes(1);
    fireEvent.click(screen.getByRole('button', { name: 'Workspace: First POC. Switch workspace' }));
    fireEvent.click(screen.getByRole('menuitem', { name: 'Manage workspaces' }));
    expect(onManage).toHaveBeenCalledTimes(1);
  });
});
