/**
 * Proposed column names for a dataset file: which file column holds each of Personalize's
 * reserved fields (CustomerID → USER_ID, StockCode → ITEM_ID, InvoiceDate → TIMESTAMP...), from
 * the column names and, where the names say nothing (a file without a header), from the shapes
 * of the values (DuckDB's type, lengths, `|`-joined values, distinct counts).
 *
 * Pure functions shared by the rules (a missing column's message names its likely source; such
 * columns are not counted as metadata) and the Data step's "Suggest mapping" (SPEC §4.3).
 */
import {
  CATEGORICAL_NAMES,
  CUSTOMER_NAMES,
  EVENT_TIME_NAMES,
  hasKnownName,
  metadataFieldName,
  NAME_SYNONYMS,
  normal,
  ORDER_LINE_NAMES,
  PRODUCT_NAMES,
  TEXTUAL_NAMES,
} from './column-names.js';
import type { RuleDatasetType } from './dataset-rules.js';

/** What the proposal reads of one column (a subset of the rules' column statistics). */
export interface MappingColumn {
  readonly name: string;
  /** DuckDB's type (`BIGINT`, `DOUBLE`, `VARCHAR`, `TIMESTAMP`...). */
  readonly type: string;
  /** Longest value in characters. */
  readonly maxLength?: number;
  /** Values holding a `|`. */
  readonly pipeCount?: number;
  /** Distinct non-null values (exact or approximate). */
  readonly distinct?: number;
  readonly nullCount?: number;
  /** A few values as written (text columns). */
  readonly samples?: readonly string[];
}

/** One proposed name: the file column `column` becomes `field`. */
export interface MappingProposal {
  /** The file column (its header name, or DuckDB's `column0`... without a header). */
  readonly column: string;
  /** The proposed field name (a reserved field or an upper-case metadata name). */
  readonly field: string;
  /** Why, in a few words: "named CustomerID", "whole numbers of 10 digits, epoch seconds". */
  readonly reason: string;
}

/** Reserved fields proposed per dataset type, in the order they are looked for. */
export const RESERVED_FIELDS: Readonly<Record<RuleDatasetType, readonly string[]>> = {
  interactions: ['USER_ID', 'ITEM_ID', 'TIMESTAMP', 'EVENT_TYPE', 'EVENT_VALUE'],
  items: ['ITEM_ID', 'CREATION_TIMESTAMP'],
  users: ['USER_ID'],
};

function isInteger(type: string): boolean {
  return /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT)$/iu.test(
    type,
  );
}

function isDateType(type: string): boolean {
  return /^(TIMESTAMP|DATE)/iu.test(type);
}

/** Whole numbers of 9 or 10 digits (1973–2286 in epoch seconds), or a DATE / TIMESTAMP column. */
function looksLikeTime(column: MappingColumn): boolean {
  return (
    isDateType(column.type) ||
    (isInteger(column.type) && (column.maxLength === 9 || column.maxLength === 10))
  );
}

/**
 * Proposes which file column holds each reserved field of `datasetType`, from the names first
 * (a column already named exactly is kept as is and not listed) and then, for the fields still
 * unplaced, from the values: a DATE / TIMESTAMP column or 9- or 10-digit whole numbers → TIMESTAMP
 * (CREATION_TIMESTAMP for items, never from a sale or event time: {@link eventTimeColumns}); for interactions the first two remaining id-like columns
 * (whole numbers or short text) → USER_ID then ITEM_ID; a small-number column → EVENT_VALUE; a
 * text column with at most 10 distinct values → EVENT_TYPE (neither from a column named like an
 * order line, customer or product attribute: Quantity, Country); for items and users the first
 * remaining column → the id. Each file column is proposed at most once.
 */
export function suggestMapping(
  datasetType: RuleDatasetType,
  columns: readonly MappingColumn[],
): MappingProposal[] {
  const fields = RESERVED_FIELDS[datasetType];
  const taken = new Set<string>();
  const placed = new Set<string>();
  const out: MappingProposal[] = [];
  for (const field of fields) {
    if (columns.some((column) => column.name === field)) {
      taken.add(field);
      placed.add(field);
    }
  }
  const place = (column: MappingColumn, field: string, reason: string): void => {
    taken.add(column.name);
    placed.add(field);
    out.push({ column: column.name, field, reason });
  };
  // By name: the synonym lists, case and punctuation ignored.
  for (const field of fields) {
    if (placed.has(field)) continue;
    const synonyms = NAME_SYNONYMS[field] ?? [];
    for (const synonym of synonyms) {
      const found = columns.find(
        (column) => !taken.has(column.name) && normal(column.name) === synonym,
      );
      if (found !== undefined) {
        place(found, field, `named ${found.name}`);
        break;
      }
    }
  }
  // By values, for the fields the names did not place.
  const free = (): MappingColumn[] => columns.filter((column) => !taken.has(column.name));
  const timeField = datasetType === 'items' ? 'CREATION_TIMESTAMP' : 'TIMESTAMP';
  if (fields.includes(timeField) && !placed.has(timeField)) {
    // An items file's sale or event times are not when the item was added to the catalogue.
    const skipped = datasetType === 'items' ? eventTimeColumns(columns) : [];
    const time = free().find((column) => looksLikeTime(column) && !skipped.includes(column));
    if (time !== undefined)
      place(
        time,
        timeField,
        isDateType(time.type)
          ? `dates, ${time.type}`
          : `whole numbers of ${time.maxLength} digits, epoch seconds`,
      );
  }
  const idLike = (column: MappingColumn): boolean =>
    (isInteger(column.type) ||
      (column.type.toUpperCase() === 'VARCHAR' && (column.maxLength ?? 0) <= 256)) &&
    (column.pipeCount ?? 0) === 0;
  const ids = datasetType === 'interactions' ? ['USER_ID', 'ITEM_ID'] : fields.slice(0, 1);
  for (const field of ids) {
    if (placed.has(field)) continue;
    const candidate = free().find(idLike);
    if (candidate !== undefined)
      place(
        candidate,
        field,
        isInteger(candidate.type) ? 'whole numbers, ids' : 'short text values, ids',
      );
  }
  if (datasetType === 'interactions') {
    // A column whose name says what it holds (Quantity, Country, Description) is not guessed an
    // event type or value from its values: a day of Online Retail has 7 countries.
    const unnamed = (): MappingColumn[] => free().filter((column) => !hasKnownName(column.name));
    if (!placed.has('EVENT_VALUE')) {
      const value = unnamed().find(
        (column) =>
          (isInteger(column.type) || /^(DOUBLE|FLOAT|DECIMAL)/iu.test(column.type)) &&
          (column.maxLength ?? 99) <= 4,
      );
      if (value !== undefined) place(value, 'EVENT_VALUE', 'small numbers, a rating or quantity');
    }
    if (!placed.has('EVENT_TYPE')) {
      const type = unnamed().find(
        (column) =>
          column.type.toUpperCase() === 'VARCHAR' &&
          column.distinct !== undefined &&
          column.distinct <= 10,
      );
      if (type !== undefined) place(type, 'EVENT_TYPE', `${type.distinct} distinct text values`);
    }
  }
  return out;
}

/**
 * The columns of a raw file, read as an items file, that hold when something happened to the
 * item rather than when it was added to the catalogue: a date or epoch-seconds column named like
 * an event time (InvoiceDate, OrderDate, EventTime), or any such column of a file that also
 * names a user id (an order-line or event export: the Online Retail export's InvoiceDate is
 * when a line was sold). {@link suggestMapping} never proposes them as CREATION_TIMESTAMP.
 */
export function eventTimeColumns(columns: readonly MappingColumn[]): MappingColumn[] {
  const namesUser = columns.some(
    (column) =>
      column.name === 'USER_ID' || (NAME_SYNONYMS.USER_ID ?? []).includes(normal(column.name)),
  );
  return columns.filter(
    (column) =>
      column.name !== 'CREATION_TIMESTAMP' &&
      !(NAME_SYNONYMS.CREATION_TIMESTAMP ?? []).includes(normal(column.name)) &&
      (looksLikeTime(column) || (NAME_SYNONYMS.TIMESTAMP ?? []).includes(normal(column.name))) &&
      (namesUser || EVENT_TIME_NAMES.includes(normal(column.name))),
  );
}

/**
 * Why an items file gets no CREATION_TIMESTAMP from the raw file's times, for the mapping's
 * suggestion to say (undefined when no column was left out, or the file names
 * CREATION_TIMESTAMP): Personalize reads CREATION_TIMESTAMP as when the item was added to the
 * catalogue (epoch seconds), to tell new items from old for cold-start exploration, and when it
 * is absent takes each item's oldest interaction instead, which on an order export is the
 * item's first sale.
 */
export function creationTimeNote(columns: readonly MappingColumn[]): string | undefined {
  if (suggestMapping('items', columns).some((proposal) => proposal.field === 'CREATION_TIMESTAMP'))
    return undefined;
  if (columns.some((column) => column.name === 'CREATION_TIMESTAMP')) return undefined;
  const left = eventTimeColumns(columns).map((column) => column.name);
  if (left.length === 0) return undefined;
  const names = left.join(' and ');
  const isOrders = columns.some((column) => ORDER_LINE_NAMES.includes(normal(column.name)));
  return `No CREATION_TIMESTAMP: ${names} ${left.length === 1 ? 'is' : 'are'} when ${isOrders ? 'an order line was sold' : 'an event happened'}, not when the item was added to the catalogue, which is what Personalize reads CREATION_TIMESTAMP as (it tells new items apart for cold-start exploration). Left out, Personalize takes each item's oldest interaction instead${isOrders ? ': its first sale' : ''}.`;
}

/**
 * True when the columns are DuckDB's names for a file without a header row (`column0`,
 * `column1`...): their names say nothing, so metadata fields are named from the values
 * ({@link proposeHeader}).
 */
export function isHeaderless(columns: readonly { readonly name: string }[]): boolean {
  return columns.length > 0 && columns.every((column) => /^column\d+$/u.test(column.name));
}

/**
 * A header for a file that has none: the reserved fields from {@link suggestMapping}, then
 * metadata names from the values (`|`-joined text → GENRES, other text → TITLE then
 * DESCRIPTION, others FIELD_<n>), in the file's column order.
 */
export function proposeHeader(
  datasetType: RuleDatasetType,
  columns: readonly MappingColumn[],
): MappingProposal[] {
  const reserved = suggestMapping(datasetType, columns);
  const used = new Set(reserved.map((proposal) => proposal.field));
  const pick = (name: string): string => {
    let candidate = name;
    for (let index = 2; used.has(candidate); index++) candidate = `${name}_${index}`;
    used.add(candidate);
    return candidate;
  };
  return columns.map((column, index) => {
    const found = reserved.find((proposal) => proposal.column === column.name);
    if (found !== undefined) return found;
    if (column.type.toUpperCase() === 'VARCHAR' && (column.pipeCount ?? 0) > 0)
      return { column: column.name, field: pick('GENRES'), reason: 'values joined with |' };
    if (column.type.toUpperCase() === 'VARCHAR')
      return {
        column: column.name,
        field: pick(used.has('TITLE') ? 'DESCRIPTION' : 'TITLE'),
        reason: 'text values',
      };
    return { column: column.name, field: pick(`FIELD_${index + 1}`), reason: column.type };
  });
}

/** One proposed constant column: `field` written as `value` on every row (no file column fits). */
export interface ConstantProposal {
  /** The reserved field (EVENT_TYPE). */
  readonly field: string;
  /** The value written on every row (`purchase`). */
  readonly value: string;
  /** Why, in a few words: "order lines (InvoiceNo, Quantity): each row is a purchase". */
  readonly reason: string;
}

/**
 * Proposes constant columns for an interactions file whose columns do not hold a reserved
 * field: when {@link suggestMapping} places no EVENT_TYPE, no column is named EVENT_TYPE and
 * the file reads as order lines (a column named like InvoiceNo, OrderId, Quantity or
 * UnitPrice), every row is proposed as EVENT_TYPE `purchase` (the recipe writes it as an output
 * column with a constant `value`, shared/prepare/recipe.ts, which `poc-studio prepare` replays).
 * Other files get no constant: EVENT_TYPE is optional in Personalize and a guessed name would
 * mislead. Empty for items and users.
 */
export function suggestConstants(
  datasetType: RuleDatasetType,
  columns: readonly MappingColumn[],
): ConstantProposal[] {
  if (datasetType !== 'interactions') return [];
  if (columns.some((column) => column.name === 'EVENT_TYPE')) return [];
  if (suggestMapping(datasetType, columns).some((proposal) => proposal.field === 'EVENT_TYPE'))
    return [];
  const evidence = columns.filter((column) => ORDER_LINE_NAMES.includes(normal(column.name)));
  if (evidence.length === 0) return [];
  return [
    {
      field: 'EVENT_TYPE',
      value: 'purchase',
      reason: `order lines (${evidence.map((column) => column.name).join(', ')}): each row is a purchase`,
    },
  ];
}

/**
 * Proposes the metadata fields of an items or users file: every column that
 * {@link suggestMapping} does not place on a reserved field keeps its name as an upper-case
 * field (`genres` → GENRES, `UnitPrice` → UNIT_PRICE), with its role in `reason`: `|`-joined
 * text or a name such as genres / category is categorical (SPEC §4.3), a name such as title /
 * description textual, short text with few distinct values categorical, numbers numeric; other
 * text is left to the schema inference (categorical or textual from its values). In a file
 * that also names the other dataset's id (an order-line export), customer columns (Country,
 * City, Gender...) are user metadata only and product columns (Description, Category...) item
 * metadata only. In a file
 * without a header ({@link isHeaderless}) the fields take {@link proposeHeader}'s names (TITLE,
 * GENRES) and the roles those names give. Columns
 * named like the other dataset's id, times, event types and order lines (InvoiceNo, Quantity;
 * a price stays an item field) are left out. Empty for interactions.
 */
export function suggestMetadata(
  datasetType: RuleDatasetType,
  columns: readonly MappingColumn[],
): MappingProposal[] {
  if (datasetType === 'interactions') return [];
  const reserved = suggestMapping(datasetType, columns);
  const used = new Set([
    ...reserved.map((proposal) => proposal.column),
    ...RESERVED_FIELDS[datasetType].filter((field) =>
      columns.some((column) => column.name === field),
    ),
  ]);
  const names = new Set(reserved.map((proposal) => proposal.field));
  // A file without a header: the fields are named from the values, as the Data step's
  // "no header" finding proposes them (column1 → TITLE, column2 → GENRES), not COLUMN1.
  const header = isHeaderless(columns) ? proposeHeader(datasetType, columns) : undefined;
  // Another dataset's ids, times and order-line columns are not metadata of this one (the
  // Online Retail export's InvoiceNo, Quantity, InvoiceDate, CustomerID for its items).
  const otherId = datasetType === 'items' ? 'USER_ID' : 'ITEM_ID';
  // A file that also names the other dataset's id holds one row per order line or event: its
  // customer columns (Country) describe the user, its product columns (Description) the item,
  // so each is offered only to the dataset it describes (an item keeping its first invoice's
  // country would be wrong for every other order).
  const namesOtherId = columns.some(
    (column) =>
      column.name === otherId || (NAME_SYNONYMS[otherId] ?? []).includes(normal(column.name)),
  );
  const foreign = new Set([
    ...(NAME_SYNONYMS[otherId] ?? []),
    ...(NAME_SYNONYMS.TIMESTAMP ?? []),
    ...(NAME_SYNONYMS.EVENT_TYPE ?? []),
    ...ORDER_LINE_NAMES.filter(
      (name) => datasetType === 'users' || (name !== 'unitprice' && name !== 'price'),
    ),
    ...(namesOtherId ? (datasetType === 'items' ? CUSTOMER_NAMES : PRODUCT_NAMES) : []),
  ]);
  // One textual field per Items schema (SPEC §4.2): the longest column named like free text,
  // as shared/schema-inference.ts marks it in the exported schema.
  const namedText = columns.filter((column) => {
    if (used.has(column.name) || foreign.has(normal(column.name))) return false;
    const base = header?.find((proposal) => proposal.column === column.name)?.field ?? column.name;
    return (
      datasetType === 'items' &&
      column.type.toUpperCase() === 'VARCHAR' &&
      (column.pipeCount ?? 0) === 0 &&
      TEXTUAL_NAMES.includes(normal(base))
    );
  });
  const textualColumn = [...namedText].sort((a, b) => (b.maxLength ?? 0) - (a.maxLength ?? 0))[0]
    ?.name;
  return columns.flatMap((column) => {
    if (used.has(column.name) || foreign.has(normal(column.name))) return [];
    if (column.name === otherId || isDateType(column.type)) return [];
    const base =
      header?.find((proposal) => proposal.column === column.name)?.field ??
      metadataFieldName(column.name);
    let field = base;
    for (let index = 2; names.has(field); index++) field = `${base}_${index}`;
    names.add(field);
    const type = column.type.toUpperCase();
    const name = normal(header === undefined ? column.name : base);
    const reason =
      type !== 'VARCHAR'
        ? 'numbers, numeric'
        : (column.pipeCount ?? 0) > 0 || CATEGORICAL_NAMES.includes(name)
          ? 'categories, categorical'
          : column.name === textualColumn
            ? 'free text, textual'
            : TEXTUAL_NAMES.includes(name) && datasetType === 'items'
              ? 'free text, plain string (an items schema has one textual field)'
              : (column.maxLength ?? Infinity) <= 40 && (column.distinct ?? Infinity) <= 1000
                ? 'short text, categorical'
                : 'text, categorical or textual from its values';
    return [{ column: column.name, field, reason }];
  });
}

/**
 * Guesses which datasets a raw file feeds from its columns: interactions when a column is
 * named like a user id and one holds times (named, or dates / epoch seconds), items when it is
 * not an interactions file and a column is named like an item id (a catalogue: movies.csv,
 * item-meta.csv), users when it is named like a user id alone; items also for a catalogue
 * without names (MovieLens' movies.dat: no column of times, a text column and a `|`-joined
 * one, as the columns' figures say); interactions otherwise. The user may still tick others.
 */
export function guessDatasets(columns: readonly MappingColumn[]): RuleDatasetType[] {
  const interactions = suggestMapping('interactions', columns);
  const named = (field: string): boolean =>
    columns.some((column) => column.name === field) ||
    interactions.some(
      (proposal) => proposal.field === field && proposal.reason.startsWith('named'),
    );
  const hasTime =
    interactions.some((proposal) => proposal.field === 'TIMESTAMP') ||
    columns.some((column) => column.name === 'TIMESTAMP');
  if (named('USER_ID') && hasTime) return ['interactions'];
  if (named('ITEM_ID')) return ['items'];
  if (named('USER_ID')) return ['users'];
  const isText = (column: MappingColumn): boolean => column.type.toUpperCase() === 'VARCHAR';
  const isCatalogue =
    !hasTime &&
    columns.some((column) => isText(column) && (column.pipeCount ?? 0) === 0) &&
    columns.some((column) => isText(column) && (column.pipeCount ?? 0) > 0);
  if (isCatalogue) return ['items'];
  return ['interactions'];
}
