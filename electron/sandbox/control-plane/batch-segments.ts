/**
 * The work of a batch segment job (SPEC §2.19): each JSON Lines input line names items, by id
 * (`{"itemId": "i1"}`, aws-item-affinity) or by attributes
 * (`{"itemAttributes": "ITEMS.genres = \"Comedy\" AND ITEMS.genres = \"Action\""}`,
 * aws-item-attribute-affinity); its answer is the `numResults` users most likely to interact
 * with those items, most likely first, minus the users the job's UserID filter removes.
 *
 * Output lines, as the service's examples (Personalize developer guide, "Batch segment job
 * output format examples"): `{"input": {"itemId": "i1"}, "output": {"recommendedUsers": [...]}}`
 * and `{"itemAttributes": "...", "output": {"recommendedUsers": [...]}}`; a line that cannot be
 * answered gets `error` instead of `output` and does not fail the job.
 */
import { compileFilter, FilterRequestError } from '../../../shared/rules/filter-evaluation.js';
import {
  findFilterColumn,
  parseFilterExpression,
} from '../../../shared/rules/filter-expression.js';
import { ServiceError, invalidInput } from '../errors.js';
import type { GroupData } from '../events-store.js';
import { ItemKnnModel } from '../recipes/item-knn-model.js';
import type { RuntimeService, ServedVersion } from '../runtime.js';

/** Default `numResults` of a batch segment job, users per line (SPEC §2.19; 25 as batch inference [unverified]). */
export const DEFAULT_SEGMENT_NUM_RESULTS = 25;
/** Largest `numResults` of a batch segment job: 5 million users per segment (SPEC §2.19). */
export const MAX_SEGMENT_NUM_RESULTS = 5_000_000;
/** Most lines of an Item-Affinity input file (SPEC §2.19). */
export const MAX_ITEM_AFFINITY_LINES = 500;
/** Most lines of an Item-Attribute-Affinity input file (SPEC §2.19). */
export const MAX_ITEM_ATTRIBUTE_LINES = 10;

/** The most lines one input file may hold for a recipe (SPEC §2.19). */
export function maxSegmentLines(recipeName: string): number {
  return recipeName === 'aws-item-attribute-affinity'
    ? MAX_ITEM_ATTRIBUTE_LINES
    : MAX_ITEM_AFFINITY_LINES;
}

/**
 * The item ids an `itemAttributes` expression selects (SPEC §2.19): `ITEMS.<column> = "v"`
 * holds when any `|`-separated value of the cell is `v` (`!=` when none is), numeric
 * comparisons compare numbers, AND binds tighter than OR; columns match the Items schema
 * case-insensitively.
 *
 * @throws ServiceError `InvalidInputException` with the parser's message (and its position) when
 *   the expression does not parse, when it names a column the Items schema lacks or another
 *   dataset, or when the group has no Items dataset
 */
export function itemsWithAttributes(data: GroupData, itemAttributes: string): string[] {
  // The filter grammar writes string equality as IN (...), the dataset as Items.
  const rewritten = itemAttributes
    .replace(/\bitems\./giu, 'Items.')
    .replace(/(!=|=)\s*("(?:[^"\\]|\\.)*")/gu, (_match, operator: string, literal: string) =>
      operator === '=' ? `IN (${literal})` : `NOT IN (${literal})`,
    );
  const prefix = 'INCLUDE ItemID WHERE ';
  const parsed = parseFilterExpression(`${prefix}${rewritten}`);
  const problem = parsed.diagnostics[0];
  if (parsed.ast === undefined || problem !== undefined)
    throw invalidInput(
      `itemAttributes: ${problem?.message ?? 'not an attribute expression'} (at ${Math.max(0, (problem?.from ?? prefix.length) - prefix.length)}).`,
    );
  const conditions = parsed.ast.expressions.flatMap((node) => node.groups.flat());
  if (conditions.some((condition) => condition.dataset !== 'Items'))
    throw invalidInput('itemAttributes may only name ITEMS columns.');
  const columns = data.schemaContext.datasets.Items;
  if (columns === undefined)
    throw invalidInput('itemAttributes needs an Items dataset: the dataset group has none.');
  for (const condition of conditions)
    if (findFilterColumn(columns, condition.column) === undefined)
      throw invalidInput(
        `itemAttributes: the Items dataset has no column ${condition.column} (columns: ${columns.map((column) => column.name).join(', ')}).`,
      );
  try {
    const keep = compileFilter(parsed.ast, {
      subject: 'ItemID',
      values: new Map(),
      itemRow: (id) => data.items.get(id),
      allowsCurrentItem: false,
      resolveColumn: (_dataset, column) => findFilterColumn(columns, column)?.name ?? column,
    });
    return [...data.items.keys()].filter((itemId) => keep(itemId));
  } catch (error) {
    if (error instanceof FilterRequestError) throw invalidInput(`itemAttributes: ${error.message}`);
    throw error;
  }
}

/** One parsed input line and the items it names, or its error. */
type SegmentLine =
  | { readonly line: Record<string, unknown>; readonly items: readonly string[] }
  | { readonly line: unknown; readonly error: string };

function readLine(data: GroupData, recipeName: string, raw: string): SegmentLine {
  let line: unknown;
  try {
    line = JSON.parse(raw);
  } catch {
    return { line: raw, error: 'This line is not a JSON object.' };
  }
  if (typeof line !== 'object' || line === null || Array.isArray(line))
    return { line, error: 'This line is not a JSON object.' };
  const record = line as Record<string, unknown>;
  try {
    if (recipeName === 'aws-item-attribute-affinity') {
      if (typeof record.itemAttributes !== 'string' || record.itemAttributes.trim() === '')
        throw invalidInput('This line needs itemAttributes (item-attribute-affinity recipe).');
      return { line: record, items: itemsWithAttributes(data, record.itemAttributes) };
    }
    if (typeof record.itemId !== 'string' || record.itemId === '')
      throw invalidInput('This line needs an itemId (item-affinity recipe).');
    return { line: record, items: [record.itemId] };
  } catch (error) {
    if (!(error instanceof ServiceError)) throw error;
    return { line: record, error: error.message };
  }
}

/** The output line of an answered or failed input line, keyed as the service writes it. */
function outputLine(recipeName: string, line: unknown, answer: Record<string, unknown>): string {
  const record = line as Record<string, unknown> | undefined;
  const byAttributes =
    recipeName === 'aws-item-attribute-affinity' &&
    typeof record === 'object' &&
    record !== null &&
    typeof record.itemAttributes === 'string';
  return JSON.stringify(
    byAttributes
      ? { itemAttributes: record.itemAttributes, ...answer }
      : { input: line, ...answer },
  );
}

/**
 * Answers one input file of a batch segment job.
 *
 * @param text the file's JSON Lines
 * @param numResults users per line (1..5,000,000)
 * @param filterArn the job's filter (a UserID filter), or undefined
 * @returns the output file's lines (without newlines), one per non-blank input line, or a
 *   `failureReason` string when the file has more lines than the recipe allows
 */
export function answerSegmentFile(
  runtime: RuntimeService,
  served: ServedVersion,
  data: GroupData,
  text: string,
  numResults: number,
  filterArn: unknown,
): string[] | { failureReason: string } {
  const recipeName = served.recipeName;
  const raws = text.split(/\r?\n/u).filter((raw) => raw.trim() !== '');
  const limit = maxSegmentLines(recipeName);
  if (raws.length > limit)
    return {
      failureReason: `An input file has ${raws.length} lines; ${recipeName} takes at most ${limit} per file.`,
    };
  const model = served.model;
  if (!(model instanceof ItemKnnModel))
    return { failureReason: `Solution version ${served.version.arn} has no segment model.` };
  const lines = raws.map((raw) => readLine(data, recipeName, raw));
  const answered = lines.filter(
    (entry): entry is Extract<SegmentLine, { items: readonly string[] }> => 'items' in entry,
  );
  const { userIds, scores } = model.segmentAffinities(answered.map((entry) => entry.items));
  const scoresOf = new Map(answered.map((entry, index) => [entry, scores[index]]));
  return lines.map((entry) => {
    if ('error' in entry) return outputLine(recipeName, entry.line, { error: entry.error });
    try {
      const keep = runtime.prepareFilter({
        filterArn,
        filterValues: entry.line.filterValues,
        datasetGroupArn: served.datasetGroupArn,
        subject: 'UserID',
        data,
        allowsCurrentItem: false,
      });
      const affinity = scoresOf.get(entry) ?? new Float64Array(userIds.length);
      const order = userIds
        .map((_userId, user) => user)
        .filter((user) => keep === undefined || keep(userIds[user] ?? ''))
        .sort((a, b) => (affinity[b] ?? 0) - (affinity[a] ?? 0) || a - b)
        .slice(0, numResults);
      return outputLine(recipeName, entry.line, {
        output: { recommendedUsers: order.map((user) => userIds[user] ?? '') },
      });
    } catch (error) {
      if (!(error instanceof ServiceError)) throw error;
      return outputLine(recipeName, entry.line, { error: error.message });
    }
  });
}
