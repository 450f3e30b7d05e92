/**
 * Non-product codes of an order-line export or a catalogue: rows whose item code is a service
 * line (postage, carriage, fees, bank charges, manual adjustments, samples, discounts) rather
 * than a product. Personalize imports them, and then recommends "POSTAGE" like any product.
 *
 * This is the studio's own heuristic, not a rule of the service: a code is a non-product when
 * its most frequent description names a service and either the code has no digit (Online
 * Retail's POST, DOT, M, BANK CHARGES, AMAZONFEE, CRUK, S, B, D) or the description is nothing
 * but that service (C2 "CARRIAGE", 23444 "Next Day Carriage"). A product code with digits whose
 * description merely mentions a service word ("BLACK BAROQUE CARRIAGE CLOCK", or a stock
 * "adjustment" line of a real product) stays a product, and so does a code without digits whose
 * description names no service (DCGSSBOY "BOYS PARTY BAG").
 */
import { suggestMapping } from './column-mapping.js';
import type { Step } from '../prepare/recipe.js';
import { clipSample, type Finding } from './findings.js';

/** Words of a service line's description (case ignored). */
const SERVICE_WORDS =
  /\b(postage|carriage|fees?|manual|adjust|adjustment|bank charges?|samples?|discount|commission)\b/iu;

/** A description that is only a service, with at most a qualifier ("Next Day Carriage"). */
const SERVICE_ONLY =
  /^\s*((next day|dotcom|amazon|bank)\s+)?(postage|carriage|fees?|charges|manual|samples?|discount|commission)\s*$/iu;

/**
 * Lower-case words a DuckDB `regexp_matches` pre-filter looks for in descriptions: a superset of
 * {@link isNonProductCode}'s words, so that the scan returns every candidate code.
 */
export const SERVICE_WORDS_PATTERN =
  'postage|carriage|fee|manual|adjust|bank charge|sample|discount|commission';

/** Normalised header names of a product description column. */
const DESCRIPTION_NAMES = ['description', 'desc', 'productname', 'itemname', 'title', 'name'];

/** At most this many codes go into the fix's row filter (the recipe's `notIn` list limit). */
const MAX_FILTER_CODES = 1000;

/**
 * True when `code`, whose most frequent description is `description`, is a service line and not
 * a product (the heuristic of this module's comment).
 */
export function isNonProductCode(code: string, description: string | undefined): boolean {
  if (description === undefined || !SERVICE_WORDS.test(description)) return false;
  return !/\d/u.test(code) || SERVICE_ONLY.test(description);
}

/**
 * The columns the heuristic reads: the item code (ITEM_ID, or a column named like one:
 * StockCode) and the product description (Description, Title, ProductName...); undefined
 * unless the file has both.
 */
export function productCodeColumns(
  columns: readonly { readonly name: string; readonly type: string }[],
): { readonly code: string; readonly description: string } | undefined {
  const fold = (name: string): string => name.toLowerCase().replace(/[^a-z0-9]/gu, '');
  const code =
    columns.find((column) => fold(column.name) === 'itemid')?.name ??
    suggestMapping('items', columns).find(
      (proposal) => proposal.field === 'ITEM_ID' && proposal.reason.startsWith('named'),
    )?.column;
  const description = columns.find((column) => DESCRIPTION_NAMES.includes(fold(column.name)))?.name;
  return code === undefined || description === undefined ? undefined : { code, description };
}

/** Candidate codes the scan found, with their most frequent description and their rows. */
export interface ProductCodeStats {
  /** The item code column (file name). */
  readonly column: string;
  readonly descriptionColumn: string;
  /** Codes without digits or with a service word in their description, most rows first. */
  readonly candidates: readonly {
    readonly code: string;
    readonly description?: string;
    readonly count: number;
  }[];
}

/**
 * The `row.nonProduct` warning: the rows on non-product codes ({@link isNonProductCode}), with
 * the codes and their descriptions as samples and, as its one-click fix, a row filter keeping
 * the rows whose code is none of them. Empty when no candidate is a non-product.
 */
export function nonProductRules(
  stats: ProductCodeStats | undefined,
  datasetType: 'interactions' | 'items' | 'users',
): Finding[] {
  if (stats === undefined || datasetType === 'users') return [];
  const codes = stats.candidates.filter((candidate) =>
    isNonProductCode(candidate.code, candidate.description),
  );
  if (codes.length === 0) return [];
  const rows = codes.reduce((sum, code) => sum + code.count, 0);
  const named = codes.map((code) =>
    code.description === undefined ? code.code : `${code.code} (${code.description})`,
  );
  const listed = codes.slice(0, MAX_FILTER_CODES).map((code) => code.code);
  const step: Step = { kind: 'filter', column: stats.column, operator: 'notIn', values: listed };
  const shown = named.slice(0, 8).map((name) => `"${clipSample(name)}"`);
  const consequence =
    datasetType === 'interactions'
      ? 'imported as interactions, each counts as a purchase of a product, and the codes are recommended like products'
      : 'imported as items, they are recommended like products';
  return [
    {
      severity: 'warning',
      code: 'row.nonProduct',
      message: `${rows.toLocaleString('en-US')} row${rows === 1 ? ' is' : 's are'} on ${codes.length.toLocaleString('en-US')} non-product code${codes.length === 1 ? '' : 's'} of ${stats.column} (postage, fees, manual adjustments): ${shown.join(', ')}${codes.length > shown.length ? ` and ${(codes.length - shown.length).toLocaleString('en-US')} more` : ''}. They are service lines, not products: ${consequence}.`,
      column: stats.column,
      count: rows,
      sample: named.slice(0, 20).map(clipSample),
      fix: `Drop them: a row filter keeping rows whose ${stats.column} is none of ${listed.join(', ')}.`,
      fixStep: step,
    },
  ];
}
