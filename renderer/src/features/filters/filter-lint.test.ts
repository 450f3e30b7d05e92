import { describe, expect, it } from 'vitest';
import { filterColumnsFromAvro } from '../../../../shared/rules/filter-expression.js';
import { filterDiagnostics, filterLintContext } from './FilterEditor.js';

const ITEMS = filterColumnsFromAvro(
  JSON.stringify({
    type: 'record',
    name: 'Items',
    fields: [
      { name: 'ITEM_ID', type: 'string' },
      { name: 'GENRE', type: 'string', categorical: true },
      { name: 'YEAR', type: ['null', 'string'] },
    ],
  }),
);
const unknownColumn = 'INCLUDE ItemID WHERE Items.COLOUR IN ("red")';
const compareString = 'INCLUDE ItemID WHERE Items.YEAR > 1990';

describe('filter lint with and without the group schemas', () => {
  it('with the schemas: field checks run (unknown column, comparison on a string column)', () => {
    const { context, skipped } = filterLintContext({ datasets: { Items: ITEMS } });
    expect(skipped).toBeUndefined();
    expect(filterDiagnostics(unknownColumn, context).map((d) => d.message)).toEqual([
      'Items has no column COLOUR (columns: ITEM_ID, GENRE, YEAR).',
    ]);
    expect(filterDiagnostics(compareString, context)[0]?.message).toMatch(
      /YEAR is a string column/u,
    );
  });

  it('without schemas: grammar is still checked, field checks are skipped with the reason', () => {
    const none = filterLintContext({
      datasets: {},
      unavailable: 'the dataset group has no datasets yet',
    });
    expect(none.context).toBeUndefined();
    expect(none.skipped).toMatch(
      /^Grammar checked; field checks skipped \(datasets and columns exist.*\): the dataset group has no datasets yet\./u,
    );
    expect(filterDiagnostics(unknownColumn, none.context)).toEqual([]);
    expect(filterDiagnostics(compareString, none.context)).toEqual([]);
    // Grammar problems are reported with their position and fix either way.
    const [problem] = filterDiagnostics('INCLUDE ItemID WHERE ITEMS.GENRE IN ("x")', none.context);
    expect(problem).toMatchObject({ from: 21, to: 26, message: 'Write Items.' });
    expect(problem?.actions?.[0]?.name).toBe('Write Items');
  });

  it('a failed schemas call and a pending one both say why the field checks are skipped', () => {
    expect(filterLintContext(undefined, 'AccessDeniedException').skipped).toMatch(
      /: the schemas could not be read \(AccessDeniedException\)\./u,
    );
    expect(filterLintContext(undefined).skipped).toMatch(/: the schemas are still loading\./u);
  });
});
