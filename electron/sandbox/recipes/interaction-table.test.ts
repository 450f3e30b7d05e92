import { describe, expect, it } from 'vitest';
import { splitForEvaluation, splitTableForEvaluation } from '../evaluation/split.js';
import {
  concatTables,
  decodeTableBinary,
  encodeTableBinary,
  extraValuesOf,
  filterByEvent,
  recordsOfTable,
  selectRows,
  tableFromRecords,
} from './interaction-table.js';
import { assertEnoughTrainingColumns, assertEnoughTrainingData } from './training-data.js';
import type { InteractionRecord } from './types.js';

const records: InteractionRecord[] = [
  { userId: 'b', itemId: 'x', timestamp: 30, eventType: 'click' },
  { userId: 'a', itemId: 'y', timestamp: 20, eventType: 'watch', eventValue: 4.5 },
  { userId: 'b', itemId: 'y', timestamp: 10, eventType: 'watch', eventValue: 2 },
  { userId: 'c', itemId: 'z', timestamp: 30 },
  { userId: 'a', itemId: 'x', timestamp: 5, eventType: 'click' },
];

/** 300 users with 2..14 interactions each over 40 items, times out of input order, a few ties. */
function syntheticRecords(): InteractionRecord[] {
  const out: InteractionRecord[] = [];
  for (let row = 0; row < 300 * 15; row++) {
    const user = (row * 7919) % 300;
    if (Math.floor(row / 300) >= 2 + (user % 13)) continue;
    out.push({
      userId: `user-${user}`,
      itemId: `item-${(row * 31 + user) % 40}`,
      timestamp: 1_000 + ((row * 104_729) % 997),
    });
  }
  return out;
}

describe('interaction table (typed columns from parsing on)', () => {
  it('dictionary-encodes ids and event types in order of first appearance', () => {
    const table = tableFromRecords(records);
    expect(table.userIds).toEqual(['b', 'a', 'c']);
    expect(table.itemIds).toEqual(['x', 'y', 'z']);
    expect(table.eventTypes).toEqual(['click', 'watch']);
    expect(Array.from(table.users)).toEqual([0, 1, 0, 2, 1]);
    expect(Array.from(table.eventTypeCodes ?? [])).toEqual([0, 1, 1, -1, 0]);
    expect(Array.from(table.eventValues ?? [])).toEqual([NaN, 4.5, 2, NaN, NaN]);
    expect(recordsOfTable(table)).toEqual(records);
  });

  it('leaves the event columns out when no row has an event type or value', () => {
    const table = tableFromRecords([{ userId: 'u', itemId: 'i', timestamp: 1 }]);
    expect(table.eventTypeCodes).toBeUndefined();
    expect(table.eventValues).toBeUndefined();
  });

  it('round-trips through the binary file, 28 bytes per row with events, 16 without', () => {
    const table = tableFromRecords(records);
    const bytes = encodeTableBinary(table);
    expect(recordsOfTable(decodeTableBinary(bytes))).toEqual(records);
    const plain = tableFromRecords(syntheticRecords());
    const plainBytes = encodeTableBinary(plain);
    const header = plainBytes.readUInt32LE(16);
    expect(plainBytes.length - Math.ceil((20 + header) / 8) * 8).toBe(plain.users.length * 16);
    // A copy at an odd offset is read through copies instead of unaligned views.
    const shifted = new Uint8Array(bytes.length + 1);
    shifted.set(bytes, 1);
    expect(recordsOfTable(decodeTableBinary(shifted.subarray(1)))).toEqual(records);
  });

  it('refuses a truncated file, another layout version and a file that is not a table', () => {
    const bytes = encodeTableBinary(tableFromRecords(records));
    expect(() => decodeTableBinary(bytes.subarray(0, bytes.length - 1))).toThrow(/truncated/u);
    const other = Buffer.from(bytes);
    other.writeUInt32LE(2, 4);
    expect(() => decodeTableBinary(other)).toThrow(/layout version 2/u);
    expect(() => decodeTableBinary(Buffer.from('{"interactions":[]}'))).toThrow(
      /not a binary interaction table/u,
    );
  });

  it('selects and filters rows with dictionaries compacted like the kept records', () => {
    const table = tableFromRecords(records);
    const kept = selectRows(table, Uint8Array.from([0, 1, 1, 0, 1]));
    expect(kept).toEqual(tableFromRecords(records.filter((_, row) => [1, 2, 4].includes(row))));
    expect(recordsOfTable(filterByEvent(table, 'watch', undefined))).toEqual([
      records[1],
      records[2],
    ]);
    // A row without a value counts as 0 against the threshold.
    expect(recordsOfTable(filterByEvent(table, undefined, 3))).toEqual([records[1]]);
    expect(recordsOfTable(filterByEvent(table, 'view', undefined))).toEqual([]);
  });

  it('concatenates tables onto the first one’s dictionaries', () => {
    const first = tableFromRecords(records.slice(0, 2));
    const second = tableFromRecords(records.slice(2));
    expect(concatTables(first, second)).toEqual(tableFromRecords(records));
    const plain = tableFromRecords([{ userId: 'q', itemId: 'x', timestamp: 9 }]);
    expect(recordsOfTable(concatTables(plain, first))).toEqual([
      { userId: 'q', itemId: 'x', timestamp: 9 },
      ...records.slice(0, 2),
    ]);
  });

  it('keeps further schema columns (contextual metadata) through selection, concatenation and the file', () => {
    const withDevice = records.map((record, row) =>
      row === 3 ? record : { ...record, columns: { DEVICE: row % 2 === 0 ? 'mobile' : 'desktop' } },
    );
    const table = tableFromRecords(withDevice);
    expect(table.extraColumns).toEqual([
      { name: 'DEVICE', values: ['mobile', 'desktop'], codes: Int32Array.from([0, 1, 0, -1, 0]) },
    ]);
    const devices = (t: typeof table): (string | undefined)[] =>
      Array.from(t.users, (_, row) => extraValuesOf(t, row)?.DEVICE);
    expect(devices(table)).toEqual(['mobile', 'desktop', 'mobile', undefined, 'mobile']);
    // The file carries them (4 bytes per row each); a file without them reads as before.
    const decoded = decodeTableBinary(encodeTableBinary(table));
    expect(devices(decoded)).toEqual(devices(table));
    expect(
      encodeTableBinary(table).length - encodeTableBinary(tableFromRecords(records)).length,
    ).toBeGreaterThanOrEqual(5 * 4);
    expect(
      decodeTableBinary(encodeTableBinary(tableFromRecords(records))).extraColumns,
    ).toBeUndefined();
    expect(devices(selectRows(table, Uint8Array.from([0, 1, 0, 1, 1])))).toEqual([
      'desktop',
      undefined,
      'mobile',
    ]);
    // A table without the column contributes rows without a value.
    const plain = tableFromRecords([{ userId: 'q', itemId: 'x', timestamp: 9 }]);
    expect(devices(concatTables(plain, table))).toEqual([undefined, ...devices(table)]);
    expect(devices(concatTables(table, plain))).toEqual([...devices(table), undefined]);
    expect(
      concatTables(tableFromRecords(withDevice.slice(0, 2)), tableFromRecords(withDevice.slice(2))),
    ).toEqual(table);
  });

  it('splits exactly as the record split does (SPEC §7.1), for every seed tried', () => {
    const synthetic = syntheticRecords();
    const table = tableFromRecords(synthetic);
    for (const seed of [0, 1, 7, 42, 123_456]) {
      const expected = splitForEvaluation(synthetic, seed);
      const actual = splitTableForEvaluation(table, seed);
      expect(actual.testUsers).toEqual(expected.testUsers);
      expect(actual.train).toEqual(tableFromRecords(expected.train));
    }
  });

  it('checks the minimum training data on columns with the record check’s messages', () => {
    const synthetic = syntheticRecords();
    expect(() => assertEnoughTrainingColumns(tableFromRecords(synthetic))).not.toThrow();
    const few = synthetic.slice(0, 999);
    expect(() => assertEnoughTrainingColumns(tableFromRecords(few))).toThrow(
      'Create failed. Dataset has fewer than 1000 interactions.',
    );
    const singles = Array.from({ length: 1200 }, (_, k) => ({
      userId: `u${k}`,
      itemId: 'i',
      timestamp: k,
    }));
    expect(() => assertEnoughTrainingData(singles)).toThrow(/25 users/u);
    expect(() => assertEnoughTrainingColumns(tableFromRecords(singles))).toThrow(/25 users/u);
  });
});
