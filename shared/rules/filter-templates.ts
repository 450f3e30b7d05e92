import { lintFilterAgainstData, type ImportedEventType } from './filter-data-lint.js';
import {
  isNumericColumnType,
  lintFilterExpression,
  type FilterColumn,
  type FilterSchemaContext,
} from './filter-expression.js';

/** A filter template: an expression to start from, with a filter name and what it does. */
export interface FilterTemplate {
  readonly id: string;
  readonly label: string;
  readonly name: string;
  readonly expression: string;
  readonly description: string;
}

/**
 * The ten filters of the POC guide's notebook on MovieLens (GENRE, YEAR, watch/click events):
 * by genre (dynamic), watched and unwatched, clicked, decades and combinations.
 */
export const FILTER_TEMPLATES: readonly FilterTemplate[] = [
  {
    id: 'genre',
    label: 'Genre (chosen at request time)',
    name: 'genre',
    expression: 'INCLUDE ItemID WHERE Items.GENRE IN ($GENRE)',
    description: 'Only items of the genres passed in filterValues.',
  },
  {
    id: 'not-genre',
    label: 'Everything but a genre',
    name: 'not-genre',
    expression: 'EXCLUDE ItemID WHERE Items.GENRE IN ($GENRE)',
    description: 'Removes the genres passed in filterValues; without a value it removes nothing.',
  },
  {
    id: 'unwatched',
    label: 'Unwatched',
    name: 'unwatched',
    expression: 'EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN ("watch")',
    description: 'Removes what the user already watched (imported or sent as events).',
  },
  {
    id: 'watched',
    label: 'Watched again',
    name: 'watched',
    expression: 'INCLUDE ItemID WHERE Interactions.EVENT_TYPE IN ("watch")',
    description: 'Only items the user watched.',
  },
  {
    id: 'unclicked',
    label: 'Not clicked',
    name: 'unclicked',
    expression: 'EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN ("click")',
    description: 'Removes what the user clicked.',
  },
  {
    id: 'unseen',
    label: 'Never interacted with',
    name: 'unseen',
    expression: 'EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN ("*")',
    description: 'Removes every item the user interacted with, whatever the event type.',
  },
  {
    id: 'decade-1980s',
    label: '1980s',
    name: 'decade-1980s',
    expression: 'INCLUDE ItemID WHERE Items.YEAR >= 1980 AND Items.YEAR < 1990',
    description: 'Only items from 1980 to 1989.',
  },
  {
    id: 'decade-1990s',
    label: '1990s',
    name: 'decade-1990s',
    expression: 'INCLUDE ItemID WHERE Items.YEAR >= 1990 AND Items.YEAR < 2000',
    description: 'Only items from 1990 to 1999.',
  },
  {
    id: 'since-year',
    label: 'Since a year (chosen at request time)',
    name: 'since-year',
    expression: 'INCLUDE ItemID WHERE Items.YEAR >= $YEAR',
    description: 'Only items of the year passed in filterValues or later.',
  },
  {
    id: 'genre-unwatched',
    label: 'Genre, unwatched',
    name: 'genre-unwatched',
    expression:
      'INCLUDE ItemID WHERE Items.GENRE IN ($GENRE) | EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN ("watch")',
    description: 'The genres passed in filterValues, without what the user watched.',
  },
];

/** What a template is offered for: the group's schemas and the imported event types. */
export interface FilterTemplateData {
  /** The group's schemas; undefined when not known (every template is then offered). */
  readonly datasets?: FilterSchemaContext['datasets'] | undefined;
  /** The imported event types, most frequent first; undefined when not known. */
  readonly eventTypes?: readonly ImportedEventType[] | undefined;
}

/** A template as the editor offers it: `disabledReason` says why it does not fit the data. */
export interface OfferedFilterTemplate {
  readonly template: FilterTemplate;
  /** `guide` = one of the POC guide's ten; `data` = made from the imported data's event types and fields. */
  readonly origin: 'guide' | 'data';
  /** Why the template does not fit the imported data (the lint's first error or warning); absent when it fits. */
  readonly disabledReason?: string;
}

/** At most this many event types get templates of their own (the most frequent). */
const MAX_EVENT_TYPE_TEMPLATES = 5;
/** At most this many Items fields get templates of their own (in schema order). */
const MAX_FIELD_TEMPLATES = 6;

/** `purchase` → `purchase`, `Add to cart` → `add-to-cart`: a filter name part (letters, digits, - and _). */
function namePart(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9_]+/gu, '-')
      .replace(/^-+|-+$/gu, '') || 'x'
  );
}

/** `"text"` as a filter literal (the grammar has no escape: a value with `"` gets no template). */
function literal(text: string): string {
  return `"${text}"`;
}

/** Whether an Items field can be filtered at all (not the id, not textual or boolean, not the reserved creation time). */
function isFilterableItemField(column: FilterColumn): boolean {
  const name = column.name.toUpperCase();
  return (
    name !== 'ITEM_ID' &&
    name !== 'CREATION_TIMESTAMP' &&
    column.isTextual !== true &&
    column.type !== 'boolean'
  );
}

/**
 * Templates made from the imported data: for each of the most frequent event types, "Not
 * <type>" (EXCLUDE what the user did with that event type) and "<type> before" (INCLUDE only
 * those); for each filterable Items field, "<FIELD> is $<FIELD>" / "<FIELD> is not $<FIELD>" for
 * a string field and "<FIELD> at most $MAX_<FIELD>" / "at least" for a numeric one. Nothing
 * without data.
 */
export function dataFilterTemplates(data: FilterTemplateData): FilterTemplate[] {
  const out: FilterTemplate[] = [];
  for (const { value } of (data.eventTypes ?? [])
    .filter((entry) => !entry.value.includes('"'))
    .slice(0, MAX_EVENT_TYPE_TEMPLATES)) {
    const part = namePart(value);
    out.push(
      {
        id: `data-not-${part}`,
        label: `Not ${value}`,
        name: `not-${part}`.slice(0, 63),
        expression: `EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN (${literal(value)})`,
        description: `Removes the items the user has a "${value}" interaction with (imported or sent as events).`,
      },
      {
        id: `data-${part}-before`,
        label: `${value} before`,
        name: `${part}-before`.slice(0, 63),
        expression: `INCLUDE ItemID WHERE Interactions.EVENT_TYPE IN (${literal(value)})`,
        description: `Only items the user has a "${value}" interaction with.`,
      },
    );
  }
  const fields = (data.datasets?.Items ?? []).filter(isFilterableItemField);
  for (const column of fields.slice(0, MAX_FIELD_TEMPLATES)) {
    const field = column.name;
    const placeholder = field.toUpperCase().replace(/[^A-Z0-9_]/gu, '_');
    const part = namePart(field);
    if (isNumericColumnType(column.type))
      out.push(
        {
          id: `data-${part}-at-most`,
          label: `${field} at most a value (chosen at request time)`,
          name: `${part}-at-most`.slice(0, 63),
          expression: `INCLUDE ItemID WHERE Items.${field} <= $MAX_${placeholder}`,
          description: `Only items whose ${field} is at most the value passed in filterValues.`,
        },
        {
          id: `data-${part}-at-least`,
          label: `${field} at least a value (chosen at request time)`,
          name: `${part}-at-least`.slice(0, 63),
          expression: `INCLUDE ItemID WHERE Items.${field} >= $MIN_${placeholder}`,
          description: `Only items whose ${field} is at least the value passed in filterValues.`,
        },
      );
    else
      out.push(
        {
          id: `data-${part}-is`,
          label: `${field} is $${placeholder}`,
          name: `${part}-is`.slice(0, 63),
          expression: `INCLUDE ItemID WHERE Items.${field} IN ($${placeholder})`,
          description: `Only items whose ${field} is one of the values passed in filterValues.`,
        },
        {
          id: `data-${part}-is-not`,
          label: `${field} is not $${placeholder}`,
          name: `${part}-is-not`.slice(0, 63),
          expression: `EXCLUDE ItemID WHERE Items.${field} IN ($${placeholder})`,
          description: `Removes the items whose ${field} is one of the values passed in filterValues.`,
        },
      );
  }
  return out;
}

/**
 * The templates to offer for the imported data: the guide's ten (kept, MovieLens-shaped), then
 * those of {@link dataFilterTemplates} whose expression is not already one of the guide's. Each
 * is checked with the same lint as the editor (`lintFilterExpression` with the schemas, then
 * `lintFilterAgainstData` with the event types): a template it finds a problem in is offered
 * disabled, with that problem as the reason ("Items has no column GENRE (columns: …)", "No
 * imported interaction has event type "watch" … Event types in the data: purchase (…)").
 * Without data every guide template is offered enabled.
 */
export function filterTemplatesFor(data: FilterTemplateData): OfferedFilterTemplate[] {
  const context = data.datasets === undefined ? undefined : { datasets: data.datasets };
  const check = (template: FilterTemplate, origin: 'guide' | 'data'): OfferedFilterTemplate => {
    const problem =
      lintFilterExpression(template.expression, context)[0] ??
      lintFilterAgainstData(template.expression, data)[0];
    return problem === undefined
      ? { template, origin }
      : { template, origin, disabledReason: problem.message };
  };
  const guide = FILTER_TEMPLATES.map((template) => check(template, 'guide'));
  const seen = new Set(FILTER_TEMPLATES.map((template) => template.expression.toLowerCase()));
  const fromData = dataFilterTemplates(data)
    .filter((template) => !seen.has(template.expression.toLowerCase()))
    .map((template) => check(template, 'data'));
  return [...guide, ...fromData];
}
