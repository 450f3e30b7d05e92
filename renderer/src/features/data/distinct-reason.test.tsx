// @vitest-environment jsdom
import { cleanup, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { setBridge } from '../../api/client.js';
import { renderWithStudio } from '../../test-support/fake-studio.js';
import { FilePreview } from './FilePreview.js';

afterEach(() => {
  cleanup();
  setBridge(undefined);
});

describe("the Data step card of a file without the service's id columns", () => {
  it('says why Distinct users and Distinct items have no number', async () => {
    const path = '/data/online_retail_raw.csv';
    renderWithStudio(<FilePreview path={path} datasetType="interactions" />, {
      'data.open': () => ({
        path,
        sizeBytes: 1000,
        encoding: 'utf-8',
        delimiter: ',',
        hasHeader: true,
        quotedHeader: false,
        columns: [{ name: 'CustomerID', type: 'VARCHAR' }],
        rows: [],
      }),
      'data.preview': () => ({
        path,
        columns: [],
        rows: [],
        rowCount: 3,
        distinct: { CustomerID: 2 },
        checks: [],
      }),
      'data.profile': () => new Promise(() => undefined),
      'data.rows': () => ({ rows: [] }),
      'data.rowsStatus': () => ({ building: 'none' }),
    });
    await waitFor(() =>
      expect(screen.getByTestId('distinct-users-interactions').textContent).toBe(
        '— (no USER_ID column to count)',
      ),
    );
    expect(screen.getByTestId('distinct-items-interactions').textContent).toBe(
      '— (no ITEM_ID column to count)',
    );
  });
});
