// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import {
  columnDraft,
  outputDraft,
  recipeOf,
  sourceColumnLabel,
  type OutputDraft,
} from './recipe-form.js';
import { applySuggestedMapping, describeProposal, SuggestMapping } from './SuggestMapping.js';

afterEach(cleanup);

/** The raw Online Retail export's columns as data.prepareColumns reads them (DuckDB types). */
const RETAIL = [
  { name: 'InvoiceNo', type: 'VARCHAR' },
  { name: 'StockCode', type: 'VARCHAR' },
  { name: 'Description', type: 'VARCHAR' },
  { name: 'Quantity', type: 'BIGINT' },
  { name: 'InvoiceDate', type: 'TIMESTAMP' },
  { name: 'UnitPrice', type: 'DOUBLE' },
  { name: 'CustomerID', type: 'DOUBLE' },
  { name: 'Country', type: 'VARCHAR' },
];

describe('Suggest mapping', () => {
  it('maps CustomerID, StockCode and InvoiceDate with conversions fitting their types', () => {
    const { output, applied } = applySuggestedMapping(outputDraft('interactions'), RETAIL);
    expect(applied.map((proposal) => `${proposal.column}→${proposal.field}`)).toEqual([
      'CustomerID→USER_ID',
      'StockCode→ITEM_ID',
      'InvoiceDate→TIMESTAMP',
      '→EVENT_TYPE',
    ]);
    const recipe = recipeOf('retail', '/data/raw.csv.gz', [output]);
    expect(recipe.outputs[0]?.columns).toEqual([
      { name: 'USER_ID', from: 'CustomerID', transform: { kind: 'id' } },
      { name: 'ITEM_ID', from: 'StockCode', transform: { kind: 'trim' } },
      {
        name: 'TIMESTAMP',
        from: 'InvoiceDate',
        transform: {
          kind: 'timestamp',
          format: 'pattern',
          timeZone: 'UTC',
          pattern: '%Y-%m-%d %H:%M:%S',
        },
      },
      { name: 'EVENT_TYPE', value: 'purchase' },
    ]);
  });

  it('keeps an EVENT_TYPE the user gave a source or a constant, and adds none for a ratings file', () => {
    const draft = outputDraft('interactions');
    const own: OutputDraft = {
      ...draft,
      columns: [...draft.columns, { ...columnDraft('EVENT_TYPE'), constant: 'click' }],
    };
    const kept = applySuggestedMapping(own, RETAIL);
    expect(kept.output.columns.find((column) => column.name === 'EVENT_TYPE')?.constant).toBe(
      'click',
    );
    expect(kept.applied.map((proposal) => proposal.field)).not.toContain('EVENT_TYPE');
    const ratings = applySuggestedMapping(draft, [
      { name: 'userId', type: 'BIGINT' },
      { name: 'movieId', type: 'BIGINT' },
      { name: 'timestamp', type: 'BIGINT' },
    ]);
    expect(ratings.output.columns.map((column) => column.name)).toEqual([
      'USER_ID',
      'ITEM_ID',
      'TIMESTAMP',
    ]);
  });

  it('leaves a column the user mapped alone and maps a source named like the field to itself', () => {
    const draft = outputDraft('users');
    const mine: OutputDraft = {
      ...draft,
      columns: draft.columns.map((column) => ({ ...column, from: 'Country' })),
    };
    const kept = applySuggestedMapping(mine, RETAIL);
    expect(kept.output.columns[0]).toMatchObject({ name: 'USER_ID', from: 'Country' });
    // Only the users' metadata is proposed: no order line, item id, time or product
    // description (Country, the one customer column, is the user's own mapping here).
    expect(kept.applied.map((proposal) => `${proposal.column}→${proposal.field}`)).toEqual([]);
    const exact = applySuggestedMapping(draft, [{ name: 'USER_ID', type: 'BIGINT' }]);
    expect(exact.output.columns[0]).toMatchObject({
      name: 'USER_ID',
      from: 'USER_ID',
      conversion: 'id',
    });
  });

  it('fills the form from the button and says what it mapped', () => {
    let changed: OutputDraft | undefined;
    render(
      <SuggestMapping
        output={outputDraft('interactions')}
        sourceColumns={RETAIL}
        onChange={(next) => (changed = next)}
      />,
    );
    fireEvent.click(screen.getByTestId('prepare-suggest-interactions'));
    expect(changed?.columns.map((column) => column.from)).toEqual([
      'CustomerID',
      'StockCode',
      'InvoiceDate',
      '',
    ]);
    expect(changed?.columns[3]).toMatchObject({ name: 'EVENT_TYPE', constant: 'purchase' });
    expect(screen.getByTestId('prepare-suggested-interactions').textContent).toBe(
      'CustomerID → USER_ID (named CustomerID); StockCode → ITEM_ID (named StockCode); InvoiceDate → TIMESTAMP (named InvoiceDate); EVENT_TYPE = "purchase" on every row (constant: order lines (InvoiceNo, Quantity, UnitPrice): each row is a purchase)',
    );
  });
});

describe('the items file of an order export', () => {
  it('says why InvoiceDate is not the CREATION_TIMESTAMP, until the user maps one', () => {
    const { rerender } = render(
      <SuggestMapping output={outputDraft('items')} sourceColumns={RETAIL} onChange={() => {}} />,
    );
    expect(screen.getByTestId('prepare-suggested-note-items').textContent).toBe(
      "No CREATION_TIMESTAMP: InvoiceDate is when an order line was sold, not when the item was added to the catalogue, which is what Personalize reads CREATION_TIMESTAMP as (it tells new items apart for cold-start exploration). Left out, Personalize takes each item's oldest interaction instead: its first sale.",
    );
    const draft = outputDraft('items');
    const own: OutputDraft = {
      ...draft,
      columns: [...draft.columns, { ...columnDraft('CREATION_TIMESTAMP'), from: 'InvoiceDate' }],
    };
    rerender(<SuggestMapping output={own} sourceColumns={RETAIL} onChange={() => {}} />);
    expect(screen.queryByTestId('prepare-suggested-note-items')).toBeNull();
    // Interactions keep InvoiceDate as their TIMESTAMP: nothing to say there.
    rerender(
      <SuggestMapping
        output={outputDraft('interactions')}
        sourceColumns={RETAIL}
        onChange={() => {}}
      />,
    );
    expect(screen.queryByTestId('prepare-suggested-note-interactions')).toBeNull();
  });
});

describe('Suggest mapping on a catalogue', () => {
  it('maps movies.csv as items: movieId to ITEM_ID, title textual, genres categorical', () => {
    // movielens-latest-small/movies.csv as data.prepareColumns reads it.
    const movies = [
      { name: 'movieId', type: 'BIGINT' },
      { name: 'title', type: 'VARCHAR' },
      { name: 'genres', type: 'VARCHAR' },
    ];
    const { output, applied } = applySuggestedMapping(outputDraft('items'), movies);
    expect(applied.map(describeProposal)).toEqual([
      'movieId → ITEM_ID (named movieId)',
      'title → TITLE (free text, textual)',
      'genres → GENRES (categories, categorical)',
    ]);
    expect(recipeOf('movies', '/data/movies.csv', [{ ...output, isEnabled: true }])).toMatchObject({
      datasets: ['items'],
      outputs: [
        {
          datasetType: 'items',
          fileName: 'items.csv',
          columns: [
            { name: 'ITEM_ID', from: 'movieId', transform: { kind: 'id' } },
            { name: 'TITLE', from: 'title', transform: { kind: 'trim' } },
            { name: 'GENRES', from: 'genres', transform: { kind: 'trim' } },
          ],
        },
      ],
    });
  });

  it("keeps the Online Retail export's item fields and leaves its order lines and customers' countries out of items", () => {
    const { applied } = applySuggestedMapping(outputDraft('items'), RETAIL);
    expect(applied.map((proposal) => `${proposal.column}→${proposal.field}`)).toEqual([
      'StockCode→ITEM_ID',
      'Description→DESCRIPTION',
      'UnitPrice→UNIT_PRICE',
    ]);
    // Country describes the customer: offered to users.csv, which gets no product description.
    const users = applySuggestedMapping(outputDraft('users'), RETAIL);
    expect(users.applied.map((proposal) => `${proposal.column}→${proposal.field}`)).toEqual([
      'CustomerID→USER_ID',
      'Country→COUNTRY',
    ]);
  });
});

describe('source column names', () => {
  it("numbers a headerless file's columns from 1, as the findings do, and keeps header names", () => {
    expect(sourceColumnLabel('column0')).toBe('column 1 (column0)');
    expect(sourceColumnLabel('column12')).toBe('column 13 (column12)');
    expect(sourceColumnLabel('CustomerID')).toBe('CustomerID');
  });
});
