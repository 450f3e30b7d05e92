import { METRIC_KEYS, METRIC_LABELS } from '../../shared/personalize.js';
import type { Metrics } from '../../shared/guide.js';

/**
 * Renders a plain-text table: one row per recipe, one column per metric of SPEC §7.3,
 * values with 4 decimals.
 */
export function formatMetricsTable(
  rows: readonly { readonly recipe: string; readonly metrics?: Metrics | undefined }[],
): string {
  const header = ['recipe', ...METRIC_KEYS.map((key) => METRIC_LABELS[key])];
  const body = rows.map((row) => [
    row.recipe,
    ...METRIC_KEYS.map((key) => (row.metrics === undefined ? '-' : row.metrics[key].toFixed(4))),
  ]);
  const widths = header.map((cell, index) =>
    Math.max(cell.length, ...body.map((line) => line[index]?.length ?? 0)),
  );
  const render = (line: readonly string[]): string =>
    line
      .map((cell, index) =>
        index === 0 ? cell.padEnd(widths[index] ?? 0) : cell.padStart(widths[index] ?? 0),
      )
      .join('  ');
  return [
    render(header),
    widths.map((width) => '-'.repeat(width)).join('  '),
    ...body.map(render),
  ].join('\n');
}
