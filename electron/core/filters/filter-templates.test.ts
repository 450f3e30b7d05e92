import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { sharedDataPath } from '../../testing/shared-data.js';
import {
  filterColumnsFromAvro,
  parseFilterExpression,
} from '../../../shared/rules/filter-expression.js';
import { filterTemplatesFor } from '../../../shared/rules/filter-templates.js';

/** Event types of an interactions CSV with their row counts, most frequent first. */
function eventTypesOf(csv: Buffer): { value: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const row of parse<Record<string, string>>(csv, { columns: true }))
    counts.set(row.EVENT_TYPE ?? '', (counts.get(row.EVENT_TYPE ?? '') ?? 0) + 1);
  return [...counts].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count);
}

const SAMPLE = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../samples/online-retail-uci',
);
/** The schemas the studio infers for the bundled sample (samples/online-retail-uci/README.md). */
const RETAIL_ITEMS = filterColumnsFromAvro(
  JSON.stringify({
    type: 'record',
    name: 'Items',
    fields: [
      { name: 'ITEM_ID', type: 'string' },
      { name: 'DESCRIPTION', type: ['null', 'string'], textual: true },
      { name: 'PRICE', type: ['null', 'float'] },
      { name: 'CREATION_TIMESTAMP', type: 'long' },
    ],
  }),
);
const INTERACTIONS = filterColumnsFromAvro(
  JSON.stringify({
    type: 'record',
    name: 'Interactions',
    fields: [
      { name: 'USER_ID', type: 'string' },
      { name: 'ITEM_ID', type: 'string' },
      { name: 'TIMESTAMP', type: 'long' },
      { name: 'EVENT_TYPE', type: 'string' },
    ],
  }),
);
const MOVIELENS_ITEMS = filterColumnsFromAvro(
  JSON.stringify({
    type: 'record',
    name: 'Items',
    fields: [
      { name: 'ITEM_ID', type: 'string' },
      { name: 'GENRE', type: ['null', 'string'], categorical: true },
      { name: 'YEAR', type: ['null', 'int'] },
    ],
  }),
);

describe('filter templates follow the imported data', () => {
  it('on the online-retail sample: "Not purchase" and PRICE templates offered, the MovieLens ones disabled with the reason', () => {
    const eventTypes = eventTypesOf(gunzipSync(readFileSync(`${SAMPLE}/interactions.csv.gz`)));
    expect(eventTypes.map((entry) => entry.value)).toEqual(['purchase']);
    const offered = filterTemplatesFor({
      datasets: { Items: RETAIL_ITEMS, Interactions: INTERACTIONS },
      eventTypes,
    });
    const enabled = offered.filter((entry) => entry.disabledReason === undefined);
    expect(enabled.map((entry) => [entry.template.label, entry.template.expression])).toEqual([
      ['Never interacted with', 'EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN ("*")'],
      ['Not purchase', 'EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN ("purchase")'],
      ['purchase before', 'INCLUDE ItemID WHERE Interactions.EVENT_TYPE IN ("purchase")'],
      [
        'PRICE at most a value (chosen at request time)',
        'INCLUDE ItemID WHERE Items.PRICE <= $MAX_PRICE',
      ],
      [
        'PRICE at least a value (chosen at request time)',
        'INCLUDE ItemID WHERE Items.PRICE >= $MIN_PRICE',
      ],
    ]);
    const reasons = Object.fromEntries(
      offered.map((entry) => [entry.template.id, entry.disabledReason]),
    );
    expect(reasons.genre).toBe(
      'Items has no column GENRE (columns: ITEM_ID, DESCRIPTION, PRICE, CREATION_TIMESTAMP).',
    );
    expect(reasons['decade-1990s']).toMatch(/^Items has no column YEAR/u);
    expect(reasons.unwatched).toBe(
      `No imported interaction has event type "watch": it matches nothing. Event types in the data: purchase (${(eventTypes[0]?.count ?? 0).toLocaleString('en-US')}).`,
    );
    // DESCRIPTION is textual and CREATION_TIMESTAMP the reserved time: no template of their own.
    expect(offered.some((entry) => entry.template.expression.includes('DESCRIPTION'))).toBe(false);
    for (const entry of enabled)
      expect(parseFilterExpression(entry.template.expression).diagnostics).toEqual([]);
  });

  const movielens = sharedDataPath('personalize-poc-movielens-small/interactions.csv');
  it.skipIf(movielens === undefined)(
    'on the POC MovieLens files: all ten guide templates fit, the data adds none that repeats them',
    () => {
      const eventTypes = eventTypesOf(readFileSync(movielens ?? ''));
      expect(eventTypes.map((entry) => entry.value).sort()).toEqual(['click', 'watch']);
      const offered = filterTemplatesFor({
        datasets: { Items: MOVIELENS_ITEMS, Interactions: INTERACTIONS },
        eventTypes,
      });
      expect(offered.filter((entry) => entry.disabledReason !== undefined)).toEqual([]);
      const expressions = offered.map((entry) => entry.template.expression.toLowerCase());
      expect(new Set(expressions).size).toBe(expressions.length);
      expect(
        offered.filter((entry) => entry.origin === 'data').map((e) => e.template.label),
      ).toEqual([
        // "Not watch", "watch before", "Not click" and the GENRE ones repeat the guide's.
        'click before',
        'YEAR at most a value (chosen at request time)',
        'YEAR at least a value (chosen at request time)',
      ]);
    },
  );
});
