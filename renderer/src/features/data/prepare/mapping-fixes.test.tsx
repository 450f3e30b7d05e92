// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { buildBridge } from '../../../../../shared/ipc/bridge.js';
import type { Channel } from '../../../../../shared/ipc/contract.js';
import { DataPreviewSchema } from '../../../../../shared/ipc/data.js';
import type { SourceEncoding } from '../../../../../shared/prepare/recipe.js';
import {
  validateDataset,
  type ColumnStats,
  type DatasetStats,
} from '../../../../../shared/rules/dataset-rules.js';
import { findingToCheck } from '../../../../../shared/rules/findings.js';
import { columnStats } from '../../../../../shared/rules/test-support/dataset-stats.js';
import { setBridge } from '../../../api/client.js';
import { fakePrepareDraftsCore } from '../../../test-support/fake-prepare-drafts.js';
import { renderWithStudio } from '../../../test-support/fake-studio.js';
import { PrepareSection } from './PrepareSection.js';
import { applyColumnFix, isFixApplied, mappingFixes } from './MappingFixes.js';
import { applySuggestedMapping } from './SuggestMapping.js';
import { outputDraft, recipeOf, type OutputDraft } from './recipe-form.js';
import { SuggestedFilters } from './SuggestedFilters.js';

afterEach(() => {
  cleanup();
  setBridge(undefined);
});

/** Column statistics with exact distinct counts, as the scan of a small file gives them. */
function column(name: string, type: string, extra: Partial<ColumnStats> = {}): ColumnStats {
  return columnStats(name, type, { distinctApproximate: false, ...extra });
}

/**
 * One day of the raw Online Retail export (messy/online-retail-uci_2010-12-01.csv) as the
 * validation scan describes it: its header with DuckDB's types (CustomerID DOUBLE, InvoiceDate
 * TIMESTAMP), 3,108 rows; `extra` overrides.
 */
function retailDay(extra: Partial<DatasetStats> = {}): DatasetStats {
  return {
    datasetType: 'interactions',
    fileName: 'online-retail-uci_2010-12-01.csv',
    rowCount: 3108,
    delimiter: ',',
    hasHeader: true,
    quotedHeader: false,
    encoding: 'utf-8',
    malformedCount: 0,
    malformed: [],
    columns: [
      column('InvoiceNo', 'VARCHAR'),
      column('StockCode', 'VARCHAR'),
      column('Description', 'VARCHAR'),
      column('Quantity', 'BIGINT'),
      column('InvoiceDate', 'TIMESTAMP', { maxLength: 19 }),
      column('UnitPrice', 'DOUBLE'),
      column('CustomerID', 'DOUBLE', { nullCount: 1140, maxLength: 7 }),
      column('Country', 'VARCHAR'),
    ],
    ids: {},
    timestamps: {},
    now: 1_700_000_000,
    ...extra,
  };
}

const RETAIL_COLUMNS = retailDay().columns.map((item) => item.name);

/** The Data step's checks of `stats` as `data.preview` sends them (parsed by its zod schema). */
function previewOf(stats: DatasetStats) {
  return DataPreviewSchema.parse({
    path: '/data/day.csv',
    columns: stats.columns.map(({ name, type }) => ({ name, type })),
    rows: [],
    rowCount: stats.rowCount,
    distinct: {},
    checks: validateDataset(stats).map(findingToCheck),
  });
}

/** The Prepare form's output and encoding around SuggestedFilters, showing the recipe it makes. */
function Harness({ start, sourceColumns }: { start: OutputDraft; sourceColumns: string[] }) {
  const [output, setOutput] = useState(start);
  const [encoding, setEncoding] = useState<SourceEncoding>();
  return (
    <>
      <SuggestedFilters
        sourcePath="/data/day.csv"
        sourceColumns={sourceColumns}
        output={output}
        onChange={setOutput}
        encoding={encoding}
        onEncodingChange={setEncoding}
      />
      <pre data-testid="recipe">
        {JSON.stringify(recipeOf('day', '/data/day.csv', [output], [], encoding))}
      </pre>
    </>
  );
}

function renderWith(stats: DatasetStats, start: OutputDraft = outputDraft('interactions')) {
  setBridge(
    buildBridge(
      (channel: Channel) =>
        channel === 'data.preview'
          ? Promise.resolve({ ok: true as const, value: previewOf(stats) })
          : Promise.resolve({
              ok: false as const,
              error: { code: 'internal' as const, message: 'not faked' },
            }),
      () => () => undefined,
    ),
  );
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <Harness start={start} sourceColumns={stats.columns.map((item) => item.name)} />
    </QueryClientProvider>,
  );
}

function recipe() {
  return JSON.parse(screen.getByTestId('recipe').textContent ?? '{}') as ReturnType<
    typeof recipeOf
  >;
}

describe('Apply fix: the column-mapping fixes of the Data step', () => {
  it('fills the column mapping of the raw export from the findings, and the recipe with it', async () => {
    renderWith(retailDay());
    const user = await screen.findByRole('button', {
      name: 'Apply fix: Map CustomerID to USER_ID as an id (trim, drop a trailing .0)',
    });
    expect(recipe().outputs[0]?.columns.map((item) => item.from)).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
    fireEvent.click(user);
    await waitFor(() => expect(user.textContent).toMatch(/^Fix applied/u));
    expect(user.getAttribute('aria-disabled')).toBe('true');
    fireEvent.click(
      screen.getByRole('button', {
        name: 'Apply fix: Map StockCode to ITEM_ID with surrounding spaces trimmed',
      }),
    );
    fireEvent.click(
      screen.getByRole('button', {
        name: 'Apply fix: Map InvoiceDate to TIMESTAMP from ISO 8601 dates (read in UTC without an offset) to epoch seconds',
      }),
    );
    expect(recipe().outputs[0]?.columns).toEqual([
      { name: 'USER_ID', from: 'CustomerID', transform: { kind: 'id' } },
      { name: 'ITEM_ID', from: 'StockCode', transform: { kind: 'trim' } },
      {
        name: 'TIMESTAMP',
        from: 'InvoiceDate',
        transform: { kind: 'timestamp', format: 'iso', timeZone: 'UTC' },
      },
    ]);
    // Shown beside the message it fixes, and a button a keyboard reaches (a native button).
    expect(user.tagName).toBe('BUTTON');
    expect(screen.getByText('Fix: Map CustomerID to USER_ID as an id (trim, drop a trailing .0).'));
  });

  it('writes the event-type mapping table, merged into the column, once for all near-duplicates', async () => {
    const base = outputDraft('interactions');
    const stats = retailDay({
      columns: [...retailDay().columns, column('EVENT_TYPE', 'VARCHAR')],
      eventTypes: {
        column: 'EVENT_TYPE',
        distinct: 5,
        values: [
          { value: 'purchase', count: 2000 },
          { value: 'Purchase ', count: 600 },
          { value: 'add_to_cart', count: 300 },
          { value: 'Add to Cart', count: 200 },
          { value: 'view', count: 8 },
        ],
      },
    });
    renderWith(stats, base);
    const first = await screen.findAllByRole('button', {
      name: /^Apply fix: Convert EVENT_TYPE folding case and spaces, mapping /u,
    });
    expect(first).toHaveLength(2);
    fireEvent.click(first[0] as HTMLElement);
    // One table covers both groups: the second finding's fix is applied too.
    await waitFor(() =>
      expect(
        screen
          .getAllByRole('button', { name: /^Apply fix: Convert EVENT_TYPE/u })
          .map((button) => button.textContent?.startsWith('Fix applied')),
      ).toEqual([true, true]),
    );
    expect(recipe().outputs[0]?.columns[3]).toEqual({
      name: 'EVENT_TYPE',
      from: 'EVENT_TYPE',
      transform: {
        kind: 'eventType',
        fold: true,
        mapping: [
          { from: 'Purchase', to: 'purchase' },
          { from: 'Add to Cart', to: 'add_to_cart' },
        ],
      },
    });
  });

  it('reads a Windows-1252 file as such: the recipe records the source encoding', async () => {
    renderWith(
      retailDay({
        encoding: 'windows-1252',
        encodingExample: { line: 2, text: '536365,85123A,CAFÉ MUG' },
      }),
    );
    const button = await screen.findByRole('button', {
      name: 'Apply fix: Read the source as Windows-1252 and write UTF-8',
    });
    expect(recipe().encoding).toBeUndefined();
    fireEvent.click(button);
    await waitFor(() => expect(recipe().encoding).toBe('windows-1252'));
    expect(button.textContent).toMatch(/^Fix applied/u);
    // The applied fix stays focusable (aria-disabled, not disabled): keyboard users tab on from it.
    expect(button.getAttribute('aria-disabled')).toBe('true');
    expect(button.hasAttribute('disabled')).toBe(false);
  });

  it('counts Suggest mapping as applying the fixes, and keeps the time zone the user chose', () => {
    const checks = previewOf(retailDay()).checks;
    const fixes = mappingFixes(checks, RETAIL_COLUMNS).map(({ fix }) => fix);
    const draft = outputDraft('interactions');
    const types = retailDay().columns.map(({ name, type }) => ({ name, type }));
    const suggested = applySuggestedMapping(draft, types).output;
    expect(fixes.map((fix) => isFixApplied(draft, undefined, fix))).toEqual([false, false, false]);
    expect(fixes.map((fix) => isFixApplied(suggested, undefined, fix))).toEqual([true, true, true]);
    // Online Retail's dates are UK local time: the fix of the dates keeps Europe/London.
    const london = {
      ...draft,
      columns: draft.columns.map((item) =>
        item.name === 'TIMESTAMP' ? { ...item, timeZone: 'Europe/London' } : item,
      ),
    };
    const time = fixes[2];
    if (time?.kind !== 'column') throw new Error('expected the TIMESTAMP fix');
    const fixed = applyColumnFix(london, time);
    expect(recipeOf('day', '/data/day.csv', [fixed]).outputs[0]?.columns[2]).toEqual({
      name: 'TIMESTAMP',
      from: 'InvoiceDate',
      transform: { kind: 'timestamp', format: 'iso', timeZone: 'Europe/London' },
    });
  });

  it('offers no fix whose source column the file lacks', () => {
    const checks = previewOf(retailDay()).checks;
    expect(mappingFixes(checks, RETAIL_COLUMNS)).toHaveLength(3);
    expect(mappingFixes(checks, ['USER_ID', 'ITEM_ID', 'TIMESTAMP'])).toEqual([]);
  });
});

describe('PrepareSection (the encoding fix across readings)', () => {
  it('keeps an applied encoding fix when the same file is read again; another file starts a fresh form', async () => {
    const stats = retailDay({
      encoding: 'windows-1252',
      encodingExample: { line: 2, text: '536365,85123A,CAFÉ MUG' },
    });
    renderWithStudio(<PrepareSection workspaceId="ws" />, {
      ...fakePrepareDraftsCore().handlers,
      'data.prepareRecipes': () => ({ recipes: [] }),
      'data.prepareColumns': () => ({
        columns: stats.columns.map(({ name, type }) => ({ name, type })),
        encoding: 'windows-1252',
        delimiter: ',',
      }),
      'data.preview': () => previewOf(stats),
    });
    const pathInput = await screen.findByRole('textbox', { name: 'Raw file path' });
    const readColumns = () => fireEvent.click(screen.getByRole('button', { name: 'Read columns' }));
    const sourceLine = () => screen.getByTestId('prepare-source-columns').textContent ?? '';
    fireEvent.change(pathInput, { target: { value: '/data/day.csv' } });
    readColumns();
    fireEvent.click(
      await screen.findByRole('button', {
        name: 'Apply fix: Read the source as Windows-1252 and write UTF-8',
      }),
    );
    await waitFor(() => expect(sourceLine()).toContain('read as windows-1252, written as UTF-8'));
    readColumns();
    await waitFor(() => expect(screen.getByRole('button', { name: 'Read columns' })).toBeTruthy());
    expect(sourceLine()).toContain('read as windows-1252, written as UTF-8');
    const userFix = () =>
      screen.getByRole('button', { name: /^Apply fix: Map CustomerID to USER_ID/u });
    fireEvent.click(userFix());
    await waitFor(() => expect(userFix().textContent).toMatch(/^Fix applied/u));
    fireEvent.change(pathInput, { target: { value: '/data/other-day.csv' } });
    readColumns();
    await waitFor(() => expect(sourceLine()).not.toContain('read as windows-1252'));
    // Another file starts a fresh form: its own mapping, proposed on reading it (so the mapping
    // fix reads applied again), and the recipe is named after the new file.
    await waitFor(() => expect(userFix().textContent).toMatch(/^Fix applied/u));
    expect(screen.getByRole('textbox', { name: 'Recipe name' })).toHaveProperty(
      'value',
      'other-day',
    );
  });
});
