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

export {
  FILTER_TEMPLATES,
  type FilterTemplate,
} from '../../../../shared/rules/filter-templates.js';
