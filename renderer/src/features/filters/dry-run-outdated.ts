/** What a dry run was asked with: the expression, the user and the `filterValues` sent. */
export interface DryRunAsked {
  readonly filterExpression: string;
  readonly userId: string;
  readonly filterValues?: Readonly<Record<string, string>> | undefined;
}

function sameValues(
  a: Readonly<Record<string, string>> | undefined,
  b: Readonly<Record<string, string>> | undefined,
): boolean {
  const left = Object.entries(a ?? {}).sort(([x], [y]) => x.localeCompare(y));
  const right = Object.entries(b ?? {}).sort(([x], [y]) => x.localeCompare(y));
  return JSON.stringify(left) === JSON.stringify(right);
}

/**
 * Why a shown dry run no longer answers what the form now asks, as one sentence for the user.
 *
 * @param asked what the shown result was run with (the mutation's variables)
 * @param now what the form would send now (expression as typed, user ID trimmed, the
 *   `filterValues` built from the placeholder fields)
 * @returns e.g. "Outdated: the expression changed — run again." or "Outdated: the user and
 *   the values changed — run again."; undefined while the result still matches the form.
 */
export function dryRunOutdatedReason(asked: DryRunAsked, now: DryRunAsked): string | undefined {
  const changed = [
    ...(asked.filterExpression === now.filterExpression ? [] : ['the expression']),
    ...(asked.userId === now.userId ? [] : ['the user']),
    ...(sameValues(asked.filterValues, now.filterValues) ? [] : ['the values']),
  ];
  if (changed.length === 0) return undefined;
  const what =
    changed.length === 1
      ? (changed[0] ?? '')
      : `${changed.slice(0, -1).join(', ')} and ${changed.at(-1) ?? ''}`;
  return `Outdated: ${what} changed — run again.`;
}
