// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { setBridge } from '../../api/client.js';
import { fakeWorkspace, renderWithStudio } from '../../test-support/fake-studio.js';
import { DeleteWorkspaceModal } from './DeleteWorkspaceModal.js';

afterEach(() => {
  cleanup();
  setBridge(undefined);
});

const CUSTOMER = fakeWorkspace({
  id: 'w2',
  name: 'Customer A',
  target: { kind: 'aws', profile: 'customer-a', region: 'eu-west-1' },
});

function renderModal(isLast = false) {
  const onDeleted = vi.fn();
  const remove = vi.fn((input: { teardown: boolean }) =>
    input.teardown ? { jobId: 'job-7' } : {},
  );
  renderWithStudio(
    <DeleteWorkspaceModal
      workspace={CUSTOMER}
      isLast={isLast}
      onClose={vi.fn()}
      onDeleted={onDeleted}
    />,
    {
      'workspaces.delete': remove,
    },
  );
  const dialog = screen.getByRole('dialog');
  return { dialog, remove, onDeleted };
}

function isDisabled(button: HTMLElement): boolean {
  return button.hasAttribute('disabled') || button.getAttribute('aria-disabled') === 'true';
}

describe('DeleteWorkspaceModal', () => {
  it('names the workspace; Delete waits for a choice about the resources and the typed name', () => {
    const { dialog } = renderModal();
    expect(dialog.textContent).toContain('Delete workspace "Customer A"?');
    const button = within(dialog).getByRole('button', { name: 'Delete workspace' });
    expect(isDisabled(button)).toBe(true);
    fireEvent.click(within(dialog).getByRole('radio', { name: /Keep them in the AWS account/u }));
    expect(isDisabled(button)).toBe(true);
    fireEvent.change(
      within(dialog).getByRole('textbox', { name: "Type the workspace's name to confirm" }),
      { target: { value: 'Customer A' } },
    );
    expect(isDisabled(button)).toBe(false);
  });

  it('keeps the resources: deletes at once', async () => {
    const { dialog, remove, onDeleted } = renderModal();
    fireEvent.click(within(dialog).getByRole('radio', { name: /Keep them/u }));
    fireEvent.change(
      within(dialog).getByRole('textbox', { name: "Type the workspace's name to confirm" }),
      { target: { value: 'Customer A' } },
    );
    fireEvent.click(within(dialog).getByRole('button', { name: 'Delete workspace' }));
    await waitFor(() => expect(onDeleted).toHaveBeenCalledWith(undefined));
    expect(remove).toHaveBeenCalledWith({ workspaceId: 'w2', teardown: false });
  });

  it('tears the resources down first: starts the job', async () => {
    const { dialog, remove, onDeleted } = renderModal();
    fireEvent.click(within(dialog).getByRole('radio', { name: /Tear them down first/u }));
    fireEvent.change(
      within(dialog).getByRole('textbox', { name: "Type the workspace's name to confirm" }),
      { target: { value: 'Customer A' } },
    );
    fireEvent.click(within(dialog).getByRole('button', { name: 'Tear down and delete' }));
    await waitFor(() => expect(onDeleted).toHaveBeenCalledWith('job-7'));
    expect(remove).toHaveBeenCalledWith({ workspaceId: 'w2', teardown: true });
  });

  it('says the last workspace cannot be deleted', () => {
    const { dialog } = renderModal(true);
    expect(within(dialog).getByTestId('last-workspace').textContent).toContain(
      'The last workspace cannot be deleted',
    );
    expect(isDisabled(within(dialog).getByRole('button', { name: 'Delete workspace' }))).toBe(true);
  });
});
