// @vitest-environment jsdom
import { cleanup, render, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { DataProfile } from '../../../../shared/ipc/data.js';
import { ProfileCharts } from './ProfileCharts.js';

afterEach(() => cleanup());

/** The columns of the raw Online Retail day (messy/online-retail-uci_2010-12-01.csv): 8. */
const RETAIL_COLUMNS = [
  'InvoiceNo',
  'StockCode',
  'Description',
  'Quantity',
  'InvoiceDate',
  'UnitPrice',
  'CustomerID',
  'Country',
];

function tabStops(root: Element): Element[] {
  return [
    ...root.querySelectorAll(
      'button, [href], input, select, textarea, [tabindex], [role="separator"]',
    ),
  ].filter(
    (element) => (element as HTMLElement).tabIndex >= 0 && !element.hasAttribute('disabled'),
  );
}

describe('the profile of the Data step', () => {
  it('is one tab stop for its columns table, not one per column resizer', async () => {
    const profile: DataProfile = {
      path: '/data/online-retail-uci_2010-12-01.csv',
      datasetType: 'interactions',
      rowCount: 3108,
      columns: RETAIL_COLUMNS.map((name) => ({
        name,
        type: 'VARCHAR',
        nullCount: name === 'CustomerID' ? 1140 : 0,
        distinct: 10,
        maxLength: 10,
      })),
    };
    const { container } = render(<ProfileCharts profile={profile} datasetType="interactions" />);
    const table = container.querySelector('table');
    expect(table).not.toBeNull();
    // Each of the table's 6 columns (Column, Read as, Empty, Distinct, Longest, Range) has a
    // resizer button; the table's keyboard navigation leaves one stop in the Tab order.
    expect(container.querySelectorAll('button[class*="resizer"]').length).toBe(6);
    await waitFor(() => expect(tabStops(container)).toHaveLength(1));
  });

  it('shows an estimated distinct count as one ("≈"), an exact one as is', () => {
    const profile: DataProfile = {
      path: '/data/interactions.csv',
      datasetType: 'interactions',
      rowCount: 158_371,
      columns: [
        { name: 'USER_ID', type: 'BIGINT', nullCount: 0, distinct: 610, maxLength: 3 },
        {
          name: 'TIMESTAMP',
          type: 'BIGINT',
          nullCount: 0,
          distinct: 85_043,
          distinctApproximate: true,
          maxLength: 10,
        },
      ],
    };
    const { container } = render(<ProfileCharts profile={profile} datasetType="interactions" />);
    const cells = (name: string): string[] =>
      [...container.querySelectorAll('tr')]
        .filter((row) => (row.textContent ?? '').startsWith(name))
        .flatMap((row) =>
          [...row.querySelectorAll('td, th')].map((cell) => cell.textContent ?? ''),
        );
    expect(cells('TIMESTAMP')).toContain('≈ 85,043');
    expect(cells('USER_ID')).toContain('610');
    expect(container.textContent).not.toContain('≈ 610');
  });

  it('says why there is nothing to chart for a header-only file', () => {
    const profile: DataProfile = {
      path: '/data/header-only.csv',
      datasetType: 'interactions',
      rowCount: 0,
      columns: [],
      checks: [
        {
          level: 'error',
          code: 'file.headerOnly',
          message:
            'The file has a header but no data rows: header-only.csv holds only the header (USER_ID,ITEM_ID,TIMESTAMP). Export it again with the records below the header.',
        },
      ],
    };
    const { getByTestId } = render(<ProfileCharts profile={profile} datasetType="interactions" />);
    expect(getByTestId('profile-check-interactions').textContent).toContain(
      'The file has a header but no data rows: header-only.csv',
    );
  });
});
