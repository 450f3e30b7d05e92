// @vitest-environment jsdom
import { act, cleanup, screen, waitFor } from '@testing-library/react';
import { focusManager } from '@tanstack/react-query';
import { afterEach, describe, expect, it } from 'vitest';
import { setBridge } from '../../api/client.js';
import { renderWithStudio } from '../../test-support/fake-studio.js';
import { useChangedOnDisk, useChecks } from './data-hooks.js';

afterEach(() => {
  cleanup();
  setBridge(undefined);
  focusManager.setFocused(undefined);
});

/** The card's row count and change notice, as the Data step reads them. */
function Card({ path }: { path: string }) {
  const checks = useChecks(path, 'users');
  const { changedAt } = useChangedOnDisk(path, checks.data?.version);
  return (
    <div>
      <span data-testid="rows">{checks.data?.rowCount}</span>
      <span data-testid="changed">{changedAt === 0 ? 'unchanged' : 'changed on disk'}</span>
    </div>
  );
}

describe('a file changed on disk after it was chosen', () => {
  it('is checked again when the window gets the focus back, and the card says it changed', async () => {
    // The host's answers: the file on disk grows by two rows after the first check.
    let file = { rowCount: 4372, sizeBytes: 60_000, mtimeMs: 1000 };
    const { calls } = renderWithStudio(<Card path="/tmp/users.csv" />, {
      'data.preview': () => ({
        path: '/tmp/users.csv',
        columns: [],
        rows: [],
        rowCount: file.rowCount,
        distinct: {},
        checks: [],
        version: { sizeBytes: file.sizeBytes, mtimeMs: file.mtimeMs },
      }),
    });
    await waitFor(() => expect(screen.getByTestId('rows').textContent).toBe('4372'));
    expect(screen.getByTestId('changed').textContent).toBe('unchanged');

    // Focus back with the file unchanged: checked again, nothing said.
    act(() => {
      focusManager.setFocused(false);
      focusManager.setFocused(true);
    });
    await waitFor(() => expect(calls.filter(([c]) => c === 'data.preview')).toHaveLength(2));
    expect(screen.getByTestId('changed').textContent).toBe('unchanged');

    file = { rowCount: 4374, sizeBytes: 60_020, mtimeMs: 2000 };
    act(() => {
      focusManager.setFocused(false);
      focusManager.setFocused(true);
    });
    await waitFor(() => expect(screen.getByTestId('rows').textContent).toBe('4374'));
    expect(screen.getByTestId('changed').textContent).toBe('changed on disk');
  });
});
