import {
  findFilterColumn,
  parseFilterExpression,
  type FilterColumn,
  type FilterDataset,
  type FilterDiagnostic,
} from './filter-expression.js';

/** An event type of the imported interactions and its number of rows. */
export interface ImportedEventType {
  readonly value: string;
  readonly count: number;
}

/**
 * What the imported data holds, for {@link lintFilterAgainstData}: the event types of the
 * interactions (file and events sent; `undefined` = not known, no event-type warning) and the
 * dataset group's schemas (`undefined` dataset = not known, no field warning).
 */
export interface FilterDataContext {
  /** Event types with their counts, most frequent first (the order the warning lists them in). */
  readonly eventTypes?: readonly ImportedEventType[] | undefined;
  readonly datasets?: Partial<Record<FilterDataset, readonly FilterColumn[]>> | undefined;
}

/** A warning: CreateFilter accepts the expression, but on the imported data it does nothing useful. */
export interface FilterWarning extends FilterDiagnostic {
  readonly severity: 'warning';
}

/** Levenshtein distance of two short strings (event type suggestions). */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1)
      current[j] = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/**
 * The imported event type closest to `typed` (case-insensitive): one that starts with it or that
 * it starts with (`watch` → `watched`), else one within a third of its length in edits; the most
 * frequent wins a tie. Undefined when none is close.
 */
export function closestEventType(
  typed: string,
  eventTypes: readonly ImportedEventType[],
): string | undefined {
  const lower = typed.toLowerCase();
  const prefix = eventTypes.find(
    (entry) =>
      entry.value.toLowerCase().startsWith(lower) || lower.startsWith(entry.value.toLowerCase()),
  );
  if (prefix !== undefined && lower !== '') return prefix.value;
  let best: { value: string; edits: number } | undefined;
  for (const entry of eventTypes) {
    const edits = distance(lower, entry.value.toLowerCase());
    if (
      edits <= Math.max(1, Math.floor(lower.length / 3)) &&
      (best === undefined || edits < best.edits)
    )
      best = { value: entry.value, edits };
  }
  return best?.value;
}

/** `watch, click` with the row counts, at most 10 named. */
function eventTypeList(eventTypes: readonly ImportedEventType[]): string {
  const named = eventTypes
    .slice(0, 10)
    .map((entry) => `${entry.value} (${entry.count.toLocaleString('en-US')})`);
  return eventTypes.length > 10
    ? `${named.join(', ')} and ${eventTypes.length - 10} more`
    : named.join(', ');
}

/**
 * Warnings about a filter expression that the grammar and the schemas accept but that the
 * imported data makes useless, so that a filter never silently filters nothing:
 *
 * - an `Interactions.EVENT_TYPE` value (a quoted literal; `"*"` and `$PLACEHOLDER` excepted)
 *   that no imported interaction has, compared case-insensitively as the service compares event
 *   types (SPEC §8.2): the condition matches nothing ("Unwatched" written with `watch` when the
 *   data has `watched`); the warning lists the event types that exist, with a fix to the closest;
 * - `Interactions.EVENT_TYPE` when the Interactions schema has no EVENT_TYPE field (the grammar
 *   lint only checks that the group has an Interactions dataset), or when the imported
 *   interactions have no event type at all: the condition matches no interaction.
 *
 * `Items.` / `Users.` fields missing from their schema are not warned about here: they stay
 * errors of `lintFilterExpression` (CreateFilter refuses them, SPEC §8.2 rule 2). An expression
 * that does not parse gets no warning. Sorted by position. Never throws.
 */
export function lintFilterAgainstData(text: string, data: FilterDataContext): FilterWarning[] {
  const { ast } = parseFilterExpression(text);
  if (ast === undefined) return [];
  const out: FilterWarning[] = [];
  const eventTypes = data.eventTypes;
  const known = new Set((eventTypes ?? []).map((entry) => entry.value.toLowerCase()));
  const interactionColumns = data.datasets?.Interactions;
  for (const expression of ast.expressions) {
    for (const condition of expression.groups.flat()) {
      if (condition.dataset !== 'Interactions') continue;
      if (
        interactionColumns !== undefined &&
        findFilterColumn(interactionColumns, 'EVENT_TYPE') === undefined
      ) {
        out.push({
          ...condition.field,
          severity: 'warning',
          message: `The Interactions schema has no EVENT_TYPE field: this condition matches no interaction.`,
        });
        continue;
      }
      if (eventTypes === undefined) continue;
      if (eventTypes.length === 0) {
        out.push({
          ...condition.field,
          severity: 'warning',
          message:
            'The imported interactions have no event type: this condition matches no interaction.',
        });
        continue;
      }
      const literals =
        condition.value.kind === 'list'
          ? condition.value.values
          : condition.value.kind === 'string'
            ? [condition.value]
            : [];
      for (const literal of literals) {
        if (literal.kind !== 'string' || known.has(literal.value.toLowerCase())) continue;
        const closest = closestEventType(literal.value, eventTypes);
        out.push({
          from: literal.from,
          to: literal.to,
          severity: 'warning',
          message: `No imported interaction has event type "${literal.value}": it matches nothing. Event types in the data: ${eventTypeList(eventTypes)}.`,
          ...(closest === undefined || closest.includes('"')
            ? {}
            : {
                fix: {
                  label: `Write "${closest}"`,
                  from: literal.from,
                  to: literal.to,
                  insert: `"${closest}"`,
                },
              }),
        });
      }
    }
  }
  return out.sort((a, b) => a.from - b.from || a.to - b.to);
}
