// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../../../shared/errors.js';
import { setBridge } from '../../api/client.js';
import { fakeWorkspace, renderWithStudio } from '../../test-support/fake-studio.js';
import { CreateWorkspaceModal } from './CreateWorkspaceModal.js';

afterEach(() => {
  cleanup();
  setBridge(undefined);
});

const PROFILES = [
  { name: 'customer-a', kind: 'static', region: 'eu-west-1' },
  { name: 'customer-b-sso', kind: 'ssoSession', region: 'us-west-2' },
];

function renderForm() {
  const onCreated = vi.fn();
  const create = vi.fn((input: { name: string }) => fakeWorkspace({ id: 'w2', name: input.name }));
  const rendered = renderWithStudio(
    <CreateWorkspaceModal onClose={vi.fn()} onCreated={onCreated} />,
    {
      'accounts.profiles': () => PROFILES,
      'workspaces.create': create,
    },
  );
  const dialog = screen.getByRole('dialog');
  const field = (name: string) => within(dialog).getByRole('textbox', { name });
  const type = (name: string, value: string) =>
    fireEvent.change(field(name), { target: { value } });
  const submit = () =>
    fireEvent.click(within(dialog).getByRole('button', { name: 'Create workspace' }));
  return { ...rendered, dialog, field, type, submit, create, onCreated };
}

describe('CreateWorkspaceModal', () => {
  it('shows the refusal of a name another workspace has under the Name field', async () => {
    const message = 'A workspace is already named "First POC": choose another name for this one.';
    const create = vi.fn(() => {
      throw new AppError('workspace.nameTaken', message);
    });
    renderWithStudio(<CreateWorkspaceModal onClose={vi.fn()} onCreated={vi.fn()} />, {
      'accounts.profiles': () => PROFILES,
      'workspaces.create': create,
    });
    const dialog = screen.getByRole('dialog');
    fireEvent.change(within(dialog).getByRole('textbox', { name: 'Name' }), {
      target: { value: 'first poc' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Create workspace' }));
    await waitFor(() => expect(create).toHaveBeenCalledTimes(1));
    const nameField = within(dialog).getByRole('textbox', { name: 'Name' });
    await waitFor(() =>
      expect(
        document.getElementById(nameField.getAttribute('aria-describedby')?.split(' ')[0] ?? '')
          ?.textContent,
      ).toContain(message),
    );
    expect(screen.queryByTestId('create-workspace-error')).toBeNull();
  });

  it('shows the refusal of a prefix another workspace uses under the prefix field', async () => {
    const message =
      'Workspace "First POC" already uses the resource-name prefix "first-poc-9bcc": choose another prefix.';
    const create = vi.fn(() => {
      throw new AppError('workspace.prefixTaken', message);
    });
    renderWithStudio(<CreateWorkspaceModal onClose={vi.fn()} onCreated={vi.fn()} />, {
      'accounts.profiles': () => PROFILES,
      'workspaces.create': create,
    });
    const dialog = screen.getByRole('dialog');
    fireEvent.change(within(dialog).getByRole('textbox', { name: 'Name' }), {
      target: { value: 'Customer B' },
    });
    fireEvent.change(within(dialog).getByRole('textbox', { name: 'Resource-name prefix' }), {
      target: { value: 'first-poc-9bcc' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Create workspace' }));
    await waitFor(() => expect(create).toHaveBeenCalledTimes(1));
    const prefixField = within(dialog).getByRole('textbox', { name: 'Resource-name prefix' });
    await waitFor(() =>
      expect(
        document.getElementById(prefixField.getAttribute('aria-describedby')?.split(' ')[0] ?? '')
          ?.textContent,
      ).toContain(message),
    );
    expect(screen.queryByTestId('create-workspace-error')).toBeNull();
  });

  it('checks the prefix as soon as the user leaves the field, before any submit', () => {
    const { type, field } = renderForm();
    type('Name', 'Demo');
    type('Resource-name prefix', 'X');
    expect(screen.queryByText('A prefix has at least 2 characters.')).toBeNull();
    fireEvent.blur(field('Resource-name prefix'));
    expect(screen.getByText('A prefix has at least 2 characters.')).toBeTruthy();
    type('Resource-name prefix', 'x1');
    expect(screen.queryByText('A prefix has at least 2 characters.')).toBeNull();
  });

  it('shows the schema messages on the fields: bad region, bad prefix', () => {
    const { type, submit, create } = renderForm();
    type('Name', 'Demo');
    type('Region', 'eu-wst-1');
    type('Resource-name prefix', 'Demo_POC');
    submit();
    expect(screen.getByText(/Amazon Personalize is not offered in "eu-wst-1"/u)).toBeTruthy();
    expect(screen.getByText(/Use lower-case letters, digits and hyphens/u)).toBeTruthy();
    expect(create).not.toHaveBeenCalled();
    // Fixed fields lose their message as the user types.
    type('Region', 'eu-west-1');
    expect(screen.queryByText(/Amazon Personalize is not offered in/u)).toBeNull();
  });

  it('AWS target: lists profiles with kind and region, takes the region of the chosen one, checks the account id', async () => {
    const { dialog, type, submit, create, onCreated } = renderForm();
    type('Name', 'Customer A');
    fireEvent.click(within(dialog).getByRole('radio', { name: /AWS account/u }));
    // Cloudscape's Select opens on mousedown.
    const trigger = await within(dialog).findByRole('button', { name: /AWS profile/u });
    await waitFor(() => expect(trigger.getAttribute('aria-disabled')).not.toBe('true'));
    fireEvent.mouseDown(trigger);
    const option = await screen.findByRole('option', { name: /customer-a/u });
    expect(option.textContent).toContain('Static keys · eu-west-1');
    expect(screen.getByRole('option', { name: /customer-b-sso/u }).textContent).toContain(
      'SSO session · us-west-2',
    );
    fireEvent.mouseUp(option);
    expect(within(dialog).getByRole<HTMLInputElement>('textbox', { name: 'Region' }).value).toBe(
      'eu-west-1',
    );
    type('Account id', '12345');
    submit();
    expect(screen.getByText('An AWS account id has 12 digits.')).toBeTruthy();
    expect(create).not.toHaveBeenCalled();
    type('Account id', '1111-2222-3333');
    submit();
    await waitFor(() => expect(onCreated).toHaveBeenCalled());
    expect(create).toHaveBeenCalledWith({
      name: 'Customer A',
      target: {
        kind: 'aws',
        profile: 'customer-a',
        region: 'eu-west-1',
        accountId: '111122223333',
      },
      tags: {},
      notes: '',
    });
  });

  it('asks for a profile when none is chosen', async () => {
    const { dialog, type, submit } = renderForm();
    type('Name', 'Customer A');
    fireEvent.click(within(dialog).getByRole('radio', { name: /AWS account/u }));
    submit();
    expect(await screen.findByText('Choose an AWS profile.')).toBeTruthy();
  });

  it('shows why the profiles could not be listed, and lets the profile name be typed', async () => {
    renderWithStudio(<CreateWorkspaceModal onClose={vi.fn()} onCreated={vi.fn()} />, {
      'accounts.profiles': () => {
        throw new AppError('internal', 'Profiles are not wired yet.');
      },
    });
    fireEvent.click(screen.getByRole('radio', { name: /AWS account/u }));
    expect((await screen.findByTestId('profiles-error')).textContent).toContain(
      'Profiles are not wired yet.',
    );
    expect(screen.getByRole('textbox', { name: 'AWS profile' })).toBeTruthy();
  });
});
