// @vitest-environment jsdom
import { cleanup, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { GuideView } from '../../../../shared/guide.js';
import { setBridge } from '../../api/client.js';
import { renderWithStudio } from '../../test-support/fake-studio.js';
import { DataStep } from './DataStep.js';
import { clearPrepareDraftMemory } from './prepare/prepare-draft.js';

afterEach(() => {
  cleanup();
  setBridge(undefined);
  clearPrepareDraftMemory();
});

const INTERACTIONS = '/data/interactions.csv';
const ITEMS = '/data/ml-1m_movies_excerpt.dat';

/** The host's checks: the interactions file passes, the items file has a blocking finding. */
function preview(input: { path: string; datasetType: string }) {
  const blocking = input.path === ITEMS;
  return {
    path: input.path,
    columns: [],
    rows: [],
    rowCount: 40,
    distinct: {},
    checks: blocking
      ? [
          {
            level: 'error',
            code: 'file.separator',
            message: 'ml-1m_movies_excerpt.dat is separated by double colons (::).',
          },
        ]
      : [],
    version: { sizeBytes: 100, mtimeMs: 1 },
  };
}

function continueButton(): HTMLButtonElement {
  return screen.getByRole('button', { name: 'Continue to import' });
}

describe('Continue to import in the Data step', () => {
  it('is disabled, with its reason, while the items file has a blocking finding', async () => {
    const poc = { files: { interactions: INTERACTIONS, items: ITEMS } } as unknown as GuideView;
    renderWithStudio(<DataStep workspaceId="ws" poc={poc} />, {
      'data.preview': preview,
      'jobs.list': () => [],
    });
    await waitFor(() =>
      expect(screen.getByTestId('continue-blocked').textContent).toBe(
        'Fix the errors of the items file first.',
      ),
    );
    expect(continueButton().disabled).toBe(true);
  });

  it('is enabled once every chosen file passes', async () => {
    const poc = { files: { interactions: INTERACTIONS } } as unknown as GuideView;
    renderWithStudio(<DataStep workspaceId="ws" poc={poc} />, {
      'data.preview': preview,
      'jobs.list': () => [],
    });
    await waitFor(() => expect(continueButton().disabled).toBe(false));
    expect(screen.queryByTestId('continue-blocked')).toBeNull();
  });
});
