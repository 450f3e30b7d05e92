/** Placeholder names (without `$`) of a filter expression, in order of first use. */
export function placeholdersOf(expression: string): string[] {
  return [
    ...new Set([...expression.matchAll(/\$([A-Za-z0-9_]+)/gu)].map((match) => match[1] ?? '')),
  ];
}

/**
 * One `filterValues` value as the service takes it (SPEC §8.5) from what the user typed:
 * numbers as they are, text already in double quotes as it is, otherwise each comma-separated
 * value trimmed and double-quoted (`Comedy, Drama` → `"Comedy","Drama"`). Empty → undefined.
 */
export function filterValueOf(typed: string): string | undefined {
  const text = typed.trim();
  if (text === '') return undefined;
  if (text.startsWith('"') || /^-?\d+(\.\d+)?$/u.test(text)) return text;
  return text
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((part) => `"${part.replaceAll('"', '\\"')}"`)
    .join(',');
}

/** The `filterValues` map of the placeholders that have a value. */
export function filterValuesOf(
  expression: string,
  typed: Readonly<Record<string, string>>,
): Record<string, string> {
  const values: Record<string, string> = {};
  for (const name of placeholdersOf(expression)) {
    const value = filterValueOf(typed[name] ?? '');
    if (value !== undefined) values[name] = value;
  }
  return values;
}

/** A filter template: the guide's filters for MovieLens-like data (genre, watched, decade). */
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
