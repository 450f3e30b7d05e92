import { describe, expect, it } from 'vitest';
import {
  creationTimeNote,
  eventTimeColumns,
  proposeHeader,
  suggestConstants,
  suggestMapping,
  suggestMetadata,
} from './column-mapping.js';
import { inferSchema } from '../schema-inference.js';

/** The raw Online Retail export's columns as DuckDB types them. */
const RETAIL = [
  { name: 'InvoiceNo', type: 'VARCHAR', maxLength: 7, distinct: 25900 },
  { name: 'StockCode', type: 'VARCHAR', maxLength: 12, distinct: 4070 },
  { name: 'Description', type: 'VARCHAR', maxLength: 35, distinct: 4223 },
  { name: 'Quantity', type: 'BIGINT', maxLength: 6 },
  { name: 'InvoiceDate', type: 'TIMESTAMP', maxLength: 19 },
  { name: 'UnitPrice', type: 'DOUBLE', maxLength: 9 },
  { name: 'CustomerID', type: 'DOUBLE', maxLength: 7 },
  { name: 'Country', type: 'VARCHAR', maxLength: 20, distinct: 38 },
];

describe('suggestMapping', () => {
  it('maps the raw retail export by name: CustomerID, StockCode, InvoiceDate', () => {
    expect(suggestMapping('interactions', RETAIL)).toEqual([
      { column: 'CustomerID', field: 'USER_ID', reason: 'named CustomerID' },
      { column: 'StockCode', field: 'ITEM_ID', reason: 'named StockCode' },
      { column: 'InvoiceDate', field: 'TIMESTAMP', reason: 'named InvoiceDate' },
    ]);
    expect(suggestMapping('users', RETAIL)).toEqual([
      { column: 'CustomerID', field: 'USER_ID', reason: 'named CustomerID' },
    ]);
  });

  it('keeps columns already named and places the rest by their values', () => {
    const proposals = suggestMapping('interactions', [
      { name: 'USER_ID', type: 'VARCHAR', maxLength: 6 },
      { name: 'product', type: 'VARCHAR', maxLength: 8 },
      { name: 'when', type: 'BIGINT', maxLength: 10 },
      { name: 'kind', type: 'VARCHAR', maxLength: 8, distinct: 3 },
    ]);
    expect(proposals).toEqual([
      { column: 'product', field: 'ITEM_ID', reason: 'named product' },
      { column: 'when', field: 'TIMESTAMP', reason: 'whole numbers of 10 digits, epoch seconds' },
      { column: 'kind', field: 'EVENT_TYPE', reason: '3 distinct text values' },
    ]);
  });

  it('proposes nothing for a field no column resembles', () => {
    expect(
      suggestMapping('interactions', [{ name: 'notes', type: 'VARCHAR', maxLength: 900 }]),
    ).toEqual([]);
  });
});

describe('CREATION_TIMESTAMP of an items file', () => {
  it("is not the raw retail export's InvoiceDate: a line's sale time, not the item's creation", () => {
    expect(suggestMapping('items', RETAIL)).toEqual([
      { column: 'StockCode', field: 'ITEM_ID', reason: 'named StockCode' },
    ]);
    expect(eventTimeColumns(RETAIL).map((column) => column.name)).toEqual(['InvoiceDate']);
    expect(creationTimeNote(RETAIL)).toBe(
      "No CREATION_TIMESTAMP: InvoiceDate is when an order line was sold, not when the item was added to the catalogue, which is what Personalize reads CREATION_TIMESTAMP as (it tells new items apart for cold-start exploration). Left out, Personalize takes each item's oldest interaction instead: its first sale.",
    );
  });

  it('leaves out a date named like an event time even in a file without user ids', () => {
    const columns = [
      { name: 'sku', type: 'VARCHAR', maxLength: 8 },
      { name: 'order_date', type: 'DATE' },
      { name: 'title', type: 'VARCHAR', maxLength: 60 },
    ];
    expect(suggestMapping('items', columns).map((proposal) => proposal.field)).toEqual(['ITEM_ID']);
    expect(creationTimeNote(columns)).toContain(
      'No CREATION_TIMESTAMP: order_date is when an event happened',
    );
  });

  it("still takes a catalogue's own dates, and a column named as the creation time", () => {
    const catalogue = [
      { name: 'movieId', type: 'BIGINT', maxLength: 5 },
      { name: 'added', type: 'DATE' },
      { name: 'title', type: 'VARCHAR', maxLength: 60 },
    ];
    expect(suggestMapping('items', catalogue)).toEqual([
      { column: 'movieId', field: 'ITEM_ID', reason: 'named movieId' },
      { column: 'added', field: 'CREATION_TIMESTAMP', reason: 'dates, DATE' },
    ]);
    expect(creationTimeNote(catalogue)).toBeUndefined();
    const named = [...RETAIL, { name: 'created_at', type: 'TIMESTAMP' }];
    expect(suggestMapping('items', named)).toContainEqual({
      column: 'created_at',
      field: 'CREATION_TIMESTAMP',
      reason: 'named created_at',
    });
    expect(creationTimeNote(named)).toBeUndefined();
  });

  it('keeps InvoiceDate as the TIMESTAMP of the interactions', () => {
    expect(suggestMapping('interactions', RETAIL)).toContainEqual({
      column: 'InvoiceDate',
      field: 'TIMESTAMP',
      reason: 'named InvoiceDate',
    });
  });
});

describe('proposeHeader', () => {
  it('names the MovieLens ml-1m movies columns (id, title, |-joined genres)', () => {
    expect(
      proposeHeader('items', [
        { name: 'column0', type: 'BIGINT', maxLength: 4 },
        { name: 'column1', type: 'VARCHAR', maxLength: 65, distinct: 40 },
        { name: 'column2', type: 'VARCHAR', maxLength: 29, pipeCount: 20, distinct: 27 },
      ]).map((proposal) => proposal.field),
    ).toEqual(['ITEM_ID', 'TITLE', 'GENRES']);
  });

  it('names the MovieLens ratings columns (user, item, rating, epoch seconds)', () => {
    expect(
      proposeHeader('interactions', [
        { name: 'column0', type: 'BIGINT', maxLength: 4 },
        { name: 'column1', type: 'BIGINT', maxLength: 4 },
        { name: 'column2', type: 'BIGINT', maxLength: 1 },
        { name: 'column3', type: 'BIGINT', maxLength: 9 },
      ]).map((proposal) => proposal.field),
    ).toEqual(['USER_ID', 'ITEM_ID', 'EVENT_VALUE', 'TIMESTAMP']);
  });
});

describe('suggestConstants', () => {
  it('proposes EVENT_TYPE "purchase" on the raw retail export, whose columns hold no event type', () => {
    expect(suggestConstants('interactions', RETAIL)).toEqual([
      {
        field: 'EVENT_TYPE',
        value: 'purchase',
        reason: 'order lines (InvoiceNo, Quantity, UnitPrice): each row is a purchase',
      },
    ]);
    expect(suggestConstants('items', RETAIL)).toEqual([]);
    expect(suggestConstants('users', RETAIL)).toEqual([]);
  });

  it('proposes no constant when a column holds the event type or the file is not order lines', () => {
    expect(
      suggestConstants('interactions', [...RETAIL, { name: 'EVENT_TYPE', type: 'VARCHAR' }]),
    ).toEqual([]);
    expect(
      suggestConstants('interactions', [
        ...RETAIL,
        { name: 'action', type: 'VARCHAR', maxLength: 8, distinct: 3 },
      ]),
    ).toEqual([]);
    expect(
      suggestConstants('interactions', [
        { name: 'userId', type: 'BIGINT', maxLength: 3 },
        { name: 'movieId', type: 'BIGINT', maxLength: 6 },
        { name: 'rating', type: 'DOUBLE', maxLength: 3 },
        { name: 'timestamp', type: 'BIGINT', maxLength: 10 },
      ]),
    ).toEqual([]);
  });
});

describe('the textual field of an items file', () => {
  it('is proposed once, on the column the exported schema marks textual', () => {
    const columns = [
      { name: 'ITEM_ID', type: 'VARCHAR', maxLength: 6, distinct: 40 },
      { name: 'Title', type: 'VARCHAR', maxLength: 60, distinct: 40, pipeCount: 0 },
      { name: 'Description', type: 'VARCHAR', maxLength: 900, distinct: 40, pipeCount: 0 },
    ];
    expect(suggestMetadata('items', columns).map((proposal) => proposal.reason)).toEqual([
      'free text, plain string (an items schema has one textual field)',
      'free text, textual',
    ]);
    const { schema } = inferSchema('items', {
      path: '/tmp/items.csv',
      rowCount: 40,
      columns: [
        {
          name: 'ITEM_ID',
          duckdbType: 'VARCHAR',
          distinctCount: 40,
          nullCount: 0,
          maxLength: 6,
          hasPipe: false,
        },
        {
          name: 'TITLE',
          duckdbType: 'VARCHAR',
          distinctCount: 40,
          nullCount: 0,
          maxLength: 60,
          hasPipe: false,
        },
        {
          name: 'DESCRIPTION',
          duckdbType: 'VARCHAR',
          distinctCount: 40,
          nullCount: 0,
          maxLength: 900,
          hasPipe: false,
        },
      ],
    });
    expect(schema.fields).toEqual([
      { name: 'ITEM_ID', type: 'string' },
      { name: 'TITLE', type: 'string' },
      { name: 'DESCRIPTION', type: 'string', textual: true },
    ]);
  });
});
