/**
 * Interactions held column by column from parsing on (no per-row objects): the import builds an
 * {@link InteractionTable}, the sandbox store persists it as one compact binary file, and the
 * training worker splits, encodes and evaluates it without materialising records. About 28 bytes
 * per row with event types and values (16 without) plus the id dictionaries, against ≈ 450 bytes
 * for an {@link InteractionRecord}.
 */
import type { InteractionColumns } from './dataset.js';
import type { InteractionRecord } from './types.js';

/**
 * Interactions as typed columns with their id dictionaries: row r is user `userIds[users[r]]`,
 * item `itemIds[items[r]]` at `timestamps[r]` (epoch seconds), of event type
 * `eventTypes[eventTypeCodes[r]]` (code -1: none) with value `eventValues[r]` (NaN: none).
 * The event columns are absent when no row has one (generated data, records without them).
 */
export interface InteractionTable extends InteractionColumns {
  /** Event type of each event-type code, in order of first appearance (case kept). */
  readonly eventTypes?: readonly string[];
  /** Per row: index into `eventTypes`, or -1 for a row without EVENT_TYPE. */
  readonly eventTypeCodes?: Int32Array;
  /** Per row: EVENT_VALUE, or NaN for a row without one. */
  readonly eventValues?: Float64Array;
  /**
   * The schema's other Interactions columns (IMPRESSION, RECOMMENDATION_ID, contextual metadata
   * such as DEVICE), kept as imported so that the dataset holds every field (SPEC §2.8, §5.3);
   * absent when no row has one. Training and filters read the columns above only.
   */
  readonly extraColumns?: readonly ExtraColumn[];
}

/**
 * One further Interactions column: row r's value is `values[codes[r]]` (code -1: no value),
 * values dictionary-encoded in order of first appearance, as imported (cell text).
 */
export interface ExtraColumn {
  /** The schema field name (`DEVICE`). */
  readonly name: string;
  readonly values: readonly string[];
  readonly codes: Int32Array;
}

/** Number of rows of a table. */
export function rowCount(table: InteractionColumns): number {
  return table.items.length;
}

/** Grows a typed array to at least `wanted` elements (doubling), keeping its content. */
function grow<T extends Int32Array | Float64Array>(array: T, wanted: number): T {
  if (wanted <= array.length) return array;
  const next = new (array.constructor as new (length: number) => T)(
    Math.max(wanted, array.length * 2, 1024),
  );
  next.set(array);
  return next;
}

/** Dictionary of ids: index of each id in order of first appearance. */
class Dictionary {
  readonly ids: string[] = [];
  private readonly index = new Map<string, number>();

  codeOf(id: string): number {
    let code = this.index.get(id);
    if (code === undefined) {
      code = this.ids.length;
      this.index.set(id, code);
      this.ids.push(id);
    }
    return code;
  }
}

/**
 * Builds an {@link InteractionTable} row by row (the import's CSV parser adds each row as it reads
 * it); columns grow by doubling, ids are dictionary-encoded in order of first appearance.
 */
export class InteractionTableBuilder {
  private readonly userDictionary = new Dictionary();
  private readonly itemDictionary = new Dictionary();
  private readonly eventDictionary = new Dictionary();
  private users = new Int32Array(0);
  private items = new Int32Array(0);
  private timestamps = new Float64Array(0);
  private eventTypeCodes = new Int32Array(0);
  private eventValues = new Float64Array(0);
  private hasEvents = false;
  private count = 0;
  /** Further columns by name, in order of first appearance. */
  private readonly extras = new Map<string, { dictionary: Dictionary; codes: Int32Array }>();

  /** Rows added so far. */
  get length(): number {
    return this.count;
  }

  /**
   * Adds one interaction.
   *
   * @param timestamp epoch seconds
   * @param eventType EVENT_TYPE as imported, or undefined
   * @param eventValue EVENT_VALUE, or undefined
   * @param extra the row's other columns (schema field name → cell text); blank cells left out
   */
  add(
    userId: string,
    itemId: string,
    timestamp: number,
    eventType?: string,
    eventValue?: number,
    extra?: Readonly<Record<string, string>>,
  ): void {
    const row = this.count++;
    if (row >= this.users.length) {
      this.users = grow(this.users, row + 1);
      this.items = grow(this.items, row + 1);
      this.timestamps = grow(this.timestamps, row + 1);
      this.eventTypeCodes = grow(this.eventTypeCodes, row + 1);
      this.eventValues = grow(this.eventValues, row + 1);
    }
    this.users[row] = this.userDictionary.codeOf(userId);
    this.items[row] = this.itemDictionary.codeOf(itemId);
    this.timestamps[row] = timestamp;
    this.eventTypeCodes[row] =
      eventType === undefined ? -1 : this.eventDictionary.codeOf(eventType);
    this.eventValues[row] = eventValue ?? Number.NaN;
    if (eventType !== undefined || eventValue !== undefined) this.hasEvents = true;
    for (const column of this.extras.values()) {
      column.codes = grow(column.codes, row + 1);
      column.codes[row] = -1;
    }
    if (extra === undefined) return;
    for (const [name, value] of Object.entries(extra)) {
      let column = this.extras.get(name);
      if (column === undefined) {
        column = { dictionary: new Dictionary(), codes: new Int32Array(0) };
        column.codes = grow(column.codes, Math.max(row + 1, this.users.length));
        column.codes.fill(-1, 0, row + 1);
        this.extras.set(name, column);
      }
      column.codes[row] = column.dictionary.codeOf(value);
    }
  }

  /** The table of the rows added (arrays trimmed to the row count). */
  build(): InteractionTable {
    const n = this.count;
    const base = {
      userIds: this.userDictionary.ids,
      itemIds: this.itemDictionary.ids,
      users: this.users.slice(0, n),
      items: this.items.slice(0, n),
      timestamps: this.timestamps.slice(0, n),
    };
    const extraColumns = [...this.extras].map(([name, column]) => ({
      name,
      values: column.dictionary.ids,
      codes: column.codes.slice(0, n),
    }));
    const extras = extraColumns.length > 0 ? { extraColumns } : {};
    if (!this.hasEvents) return { ...base, ...extras };
    return {
      ...base,
      eventTypes: this.eventDictionary.ids,
      eventTypeCodes: this.eventTypeCodes.slice(0, n),
      eventValues: this.eventValues.slice(0, n),
      ...extras,
    };
  }
}

/**
 * The further columns of row `row` (name → cell text), or undefined when it has none.
 */
export function extraValuesOf(
  table: InteractionTable,
  row: number,
): Record<string, string> | undefined {
  let out: Record<string, string> | undefined;
  for (const column of table.extraColumns ?? []) {
    const code = column.codes[row] ?? -1;
    if (code < 0) continue;
    out ??= {};
    out[column.name] = column.values[code] ?? '';
  }
  return out;
}

/**
 * Dictionary-encodes records into a table (ids in order of first appearance); a record's
 * `columns` (further schema columns, as PutEvents stores them) become {@link ExtraColumn}s.
 */
export function tableFromRecords(records: readonly InteractionRecord[]): InteractionTable {
  const builder = new InteractionTableBuilder();
  for (const record of records)
    builder.add(
      record.userId,
      record.itemId,
      record.timestamp,
      record.eventType,
      record.eventValue,
      (record as { columns?: Readonly<Record<string, string>> }).columns,
    );
  return builder.build();
}

/** The table's rows as records (for callers that need objects; tests, small tables). */
export function recordsOfTable(table: InteractionTable): InteractionRecord[] {
  const out: InteractionRecord[] = [];
  for (let row = 0; row < rowCount(table); row++) {
    const code = table.eventTypeCodes?.[row] ?? -1;
    const value = table.eventValues?.[row] ?? Number.NaN;
    out.push({
      userId: table.userIds[table.users[row] ?? 0] ?? '',
      itemId: table.itemIds[table.items[row] ?? 0] ?? '',
      timestamp: table.timestamps[row] ?? 0,
      ...(code >= 0 ? { eventType: table.eventTypes?.[code] ?? '' } : {}),
      ...(Number.isNaN(value) ? {} : { eventValue: value }),
    });
  }
  return out;
}

/** Re-indexes `codes` of kept rows in order of first appearance; returns the new codes and ids. */
function compactCodes(
  codes: Int32Array,
  ids: readonly string[],
  kept: Int32Array,
): { codes: Int32Array; ids: string[] } {
  const remap = new Int32Array(ids.length).fill(-1);
  const nextIds: string[] = [];
  const out = new Int32Array(kept.length);
  for (let k = 0; k < kept.length; k++) {
    const code = codes[kept[k] ?? 0] ?? 0;
    if (code < 0) {
      out[k] = -1;
      continue;
    }
    let next = remap[code] ?? -1;
    if (next < 0) {
      next = nextIds.length;
      remap[code] = next;
      nextIds.push(ids[code] ?? '');
    }
    out[k] = next;
  }
  return { codes: out, ids: nextIds };
}

/**
 * The rows where `keep[row]` is non-zero, in order, with every dictionary re-indexed in order of
 * first appearance among the kept rows (so ids without rows disappear, and the result equals
 * {@link tableFromRecords} of the kept records). O(rows) time, typed arrays only.
 */
export function selectRows(table: InteractionTable, keep: Uint8Array): InteractionTable {
  let count = 0;
  for (let row = 0; row < keep.length; row++) if (keep[row] !== 0) count++;
  const kept = new Int32Array(count);
  let cursor = 0;
  for (let row = 0; row < keep.length; row++) if (keep[row] !== 0) kept[cursor++] = row;
  const users = compactCodes(table.users, table.userIds, kept);
  const items = compactCodes(table.items, table.itemIds, kept);
  const timestamps = new Float64Array(count);
  for (let k = 0; k < count; k++) timestamps[k] = table.timestamps[kept[k] ?? 0] ?? 0;
  const extraColumns = (table.extraColumns ?? []).map((column) => {
    const compact = compactCodes(column.codes, column.values, kept);
    return { name: column.name, values: compact.ids, codes: compact.codes };
  });
  const base = {
    userIds: users.ids,
    itemIds: items.ids,
    users: users.codes,
    items: items.codes,
    timestamps,
    ...(table.extraColumns !== undefined ? { extraColumns } : {}),
  };
  if (table.eventTypeCodes === undefined || table.eventValues === undefined) return base;
  const events = compactCodes(table.eventTypeCodes, table.eventTypes ?? [], kept);
  const eventValues = new Float64Array(count);
  for (let k = 0; k < count; k++) eventValues[k] = table.eventValues[kept[k] ?? 0] ?? Number.NaN;
  return { ...base, eventTypes: events.ids, eventTypeCodes: events.codes, eventValues };
}

/**
 * The rows a solution trains on (SPEC §2.10 `eventType`, `eventValueThreshold`): of `eventType`
 * (exact match) when given, with EVENT_VALUE ≥ `minValue` when given and finite (a row without a
 * value counts as 0). Dictionaries compacted as {@link selectRows} does.
 */
export function filterByEvent(
  table: InteractionTable,
  eventType: string | undefined,
  minValue: number | undefined,
): InteractionTable {
  const n = rowCount(table);
  const keep = new Uint8Array(n).fill(1);
  if (eventType !== undefined) {
    const code = (table.eventTypes ?? []).indexOf(eventType);
    for (let row = 0; row < n; row++)
      keep[row] = code >= 0 && (table.eventTypeCodes?.[row] ?? -1) === code ? 1 : 0;
  }
  if (minValue !== undefined && Number.isFinite(minValue)) {
    for (let row = 0; row < n; row++) {
      const value = table.eventValues?.[row] ?? Number.NaN;
      if ((Number.isNaN(value) ? 0 : value) < minValue) keep[row] = 0;
    }
  }
  return selectRows(table, keep);
}

/**
 * `a`'s rows followed by `b`'s, with `b`'s codes mapped onto `a`'s dictionaries (new ids appended
 * in order of first appearance). O(rows + ids) time.
 */
export function concatTables(a: InteractionTable, b: InteractionTable): InteractionTable {
  if (rowCount(b) === 0 && b.userIds.length === 0) return a;
  if (rowCount(a) === 0 && a.userIds.length === 0) return b;
  const merge = (
    left: readonly string[],
    right: readonly string[],
  ): { ids: string[]; map: Int32Array } => {
    const ids = left.slice();
    const index = new Map(left.map((id, code) => [id, code]));
    const map = new Int32Array(right.length);
    right.forEach((id, code) => {
      let merged = index.get(id);
      if (merged === undefined) {
        merged = ids.length;
        index.set(id, merged);
        ids.push(id);
      }
      map[code] = merged;
    });
    return { ids, map };
  };
  const n = rowCount(a);
  const m = rowCount(b);
  const concat = (left: Int32Array, right: Int32Array, map: Int32Array | undefined): Int32Array => {
    const out = new Int32Array(n + m);
    out.set(left);
    for (let k = 0; k < m; k++) {
      const code = right[k] ?? -1;
      out[n + k] = map === undefined || code < 0 ? code : (map[code] ?? -1);
    }
    return out;
  };
  const users = merge(a.userIds, b.userIds);
  const items = merge(a.itemIds, b.itemIds);
  const timestamps = new Float64Array(n + m);
  timestamps.set(a.timestamps);
  timestamps.set(b.timestamps, n);
  const extraNames = [
    ...new Set([...(a.extraColumns ?? []), ...(b.extraColumns ?? [])].map((column) => column.name)),
  ];
  const extraColumns = extraNames.map((name): ExtraColumn => {
    const left = a.extraColumns?.find((column) => column.name === name);
    const right = b.extraColumns?.find((column) => column.name === name);
    const values = merge(left?.values ?? [], right?.values ?? []);
    return {
      name,
      values: values.ids,
      codes: concat(
        left?.codes ?? new Int32Array(n).fill(-1),
        right?.codes ?? new Int32Array(m).fill(-1),
        values.map,
      ),
    };
  });
  const base = {
    userIds: users.ids,
    itemIds: items.ids,
    users: concat(a.users, b.users, users.map),
    items: concat(a.items, b.items, items.map),
    timestamps,
    ...(extraColumns.length > 0 ? { extraColumns } : {}),
  };
  if (a.eventTypeCodes === undefined && b.eventTypeCodes === undefined) return base;
  const events = merge(a.eventTypes ?? [], b.eventTypes ?? []);
  const eventValues = new Float64Array(n + m);
  eventValues.set(a.eventValues ?? new Float64Array(n).fill(Number.NaN));
  eventValues.set(b.eventValues ?? new Float64Array(m).fill(Number.NaN), n);
  return {
    ...base,
    eventTypes: events.ids,
    eventTypeCodes: concat(
      a.eventTypeCodes ?? new Int32Array(n).fill(-1),
      b.eventTypeCodes ?? new Int32Array(m).fill(-1),
      events.map,
    ),
    eventValues,
  };
}

/** First bytes of a binary interaction table file. */
const TABLE_MAGIC = 'PZIT';
/** Version of the binary layout written by {@link encodeTableBinary}. */
const TABLE_VERSION = 1;

/**
 * Binary form of a table, little-endian: `PZIT`, u32 version (1), u32 rows, u32 flags (bit 0:
 * event columns present, bit 1: further columns present), u32 byte length of a UTF-8 JSON header
 * `{userIds, itemIds, eventTypes, extraColumns?: [{name, values}]}`, the header, zero padding to
 * a multiple of 8, then the columns `timestamps` (f64), [`eventValues` (f64)], `users`, `items`
 * (i32), [`eventTypeCodes` (i32)], then one i32 code column per further column. 16 (or 28) bytes
 * per row plus 4 per further column, plus the ids. Files without bit 1 read as before.
 */
export function encodeTableBinary(table: InteractionTable): Buffer {
  const n = rowCount(table);
  const hasEvents = table.eventTypeCodes !== undefined && table.eventValues !== undefined;
  const extras = table.extraColumns ?? [];
  const header = Buffer.from(
    JSON.stringify({
      userIds: table.userIds,
      itemIds: table.itemIds,
      eventTypes: table.eventTypes ?? [],
      ...(extras.length > 0
        ? { extraColumns: extras.map(({ name, values }) => ({ name, values })) }
        : {}),
    }),
    'utf8',
  );
  const start = Math.ceil((20 + header.length) / 8) * 8;
  const columns: (Float64Array | Int32Array)[] = [table.timestamps];
  if (hasEvents) columns.push(table.eventValues);
  columns.push(table.users, table.items);
  if (hasEvents) columns.push(table.eventTypeCodes);
  for (const extra of extras) columns.push(extra.codes);
  const size = columns.reduce((total, column) => total + column.byteLength, start);
  const out = Buffer.alloc(size);
  out.write(TABLE_MAGIC, 0, 'latin1');
  out.writeUInt32LE(TABLE_VERSION, 4);
  out.writeUInt32LE(n, 8);
  out.writeUInt32LE((hasEvents ? 1 : 0) | (extras.length > 0 ? 2 : 0), 12);
  out.writeUInt32LE(header.length, 16);
  header.copy(out, 20);
  let offset = start;
  for (const column of columns) {
    out.set(new Uint8Array(column.buffer, column.byteOffset, column.byteLength), offset);
    offset += column.byteLength;
  }
  return out;
}

/** True when `bytes` starts like a file written by {@link encodeTableBinary}. */
export function isTableBinary(bytes: Uint8Array): boolean {
  return (
    bytes.length >= 20 &&
    Buffer.from(bytes.buffer, bytes.byteOffset, 4).toString('latin1') === TABLE_MAGIC
  );
}

/**
 * Restores {@link encodeTableBinary} output. Columns are views on `bytes` when aligned (no copy),
 * else copies.
 *
 * @throws Error when `bytes` is not such a file, has another version, or is truncated
 */
export function decodeTableBinary(bytes: Uint8Array): InteractionTable {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (!isTableBinary(buffer))
    throw new Error('Interactions file is not a binary interaction table.');
  const version = buffer.readUInt32LE(4);
  if (version !== TABLE_VERSION)
    throw new Error(
      `Interactions file has layout version ${version}; this sandbox reads ${TABLE_VERSION}.`,
    );
  const n = buffer.readUInt32LE(8);
  const flags = buffer.readUInt32LE(12);
  const hasEvents = (flags & 1) === 1;
  const headerLength = buffer.readUInt32LE(16);
  const start = Math.ceil((20 + headerLength) / 8) * 8;
  if (buffer.length < 20 + headerLength) throw new Error('Interactions file is truncated.');
  const header = JSON.parse(buffer.toString('utf8', 20, 20 + headerLength)) as {
    userIds: string[];
    itemIds: string[];
    eventTypes: string[];
    extraColumns?: { name: string; values: string[] }[];
  };
  const extraHeaders = (flags & 2) === 2 ? (header.extraColumns ?? []) : [];
  const expected = start + n * ((hasEvents ? 28 : 16) + 4 * extraHeaders.length);
  if (buffer.length < expected) throw new Error('Interactions file is truncated.');
  let offset = start;
  const column = <T extends Int32Array | Float64Array>(Type: {
    new (buffer: ArrayBufferLike, offset: number, length: number): T;
    BYTES_PER_ELEMENT: number;
  }): T => {
    const at = buffer.byteOffset + offset;
    offset += n * Type.BYTES_PER_ELEMENT;
    if (at % Type.BYTES_PER_ELEMENT === 0) return new Type(buffer.buffer, at, n);
    const copy = buffer.buffer.slice(at, at + n * Type.BYTES_PER_ELEMENT);
    return new Type(copy, 0, n);
  };
  const timestamps = column(Float64Array);
  const eventValues = hasEvents ? column(Float64Array) : undefined;
  const users = column(Int32Array);
  const items = column(Int32Array);
  const eventTypeCodes = hasEvents ? column(Int32Array) : undefined;
  const extraColumns = extraHeaders.map(({ name, values }) => ({
    name,
    values,
    codes: column(Int32Array),
  }));
  const base = {
    userIds: header.userIds,
    itemIds: header.itemIds,
    users,
    items,
    timestamps,
    ...(extraColumns.length > 0 ? { extraColumns } : {}),
  };
  if (!hasEvents || eventValues === undefined || eventTypeCodes === undefined) return base;
  return { ...base, eventTypes: header.eventTypes, eventTypeCodes, eventValues };
}
