import { describe, expect, it } from 'vitest';
import { parseFilterExpression } from '../../shared/rules/filter-expression.js';
import {
  CompiledFilterCache,
  MAX_CACHED_FILTERS,
  filterValuesKey,
  isCatalogueOnlyFilter,
} from './filter-cache.js';

function ast(expression: string) {
  const parsed = parseFilterExpression(expression);
  if (parsed.ast === undefined) throw new Error(parsed.diagnostics[0]?.message);
  return parsed.ast;
}

describe('isCatalogueOnlyFilter', () => {
  it('holds for Items conditions with literals and placeholders only', () => {
    expect(isCatalogueOnlyFilter(ast('INCLUDE ItemID WHERE Items.GENRE IN ($GENRE)'))).toBe(true);
    expect(
      isCatalogueOnlyFilter(
        ast(
          'EXCLUDE ItemID WHERE Items.YEAR < 1990 | INCLUDE ItemID WHERE Items.GENRE IN ("Comedy") AND Items.YEAR >= $YEAR',
        ),
      ),
    ).toBe(true);
  });

  it('fails for Interactions, CurrentItem, IF CurrentUser and user filters', () => {
    for (const expression of [
      'EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN ("watch")',
      'INCLUDE ItemID WHERE Items.GENRE IN ($GENRE) | EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN ("watch")',
      'INCLUDE ItemID WHERE Items.GENRE IN CurrentItem.GENRE',
      'EXCLUDE ItemID WHERE Items.GENRE IN ("Horror") IF CurrentUser.AGE < 18',
      'INCLUDE UserID WHERE Users.AGE > 18',
    ])
      expect(isCatalogueOnlyFilter(ast(expression)), expression).toBe(false);
  });
});

describe('filterValuesKey', () => {
  it('is the same for the same values in any order, and differs otherwise', () => {
    const a = new Map([
      ['GENRE', ['Comedy', 'Drama']],
      ['YEAR', ['1995']],
    ]);
    const b = new Map([
      ['YEAR', ['1995']],
      ['GENRE', ['Comedy', 'Drama']],
    ]);
    expect(filterValuesKey(a)).toBe(filterValuesKey(b));
    expect(filterValuesKey(new Map([['GENRE', ['Comedy']]]))).not.toBe(filterValuesKey(a));
  });
});

describe('CompiledFilterCache', () => {
  it('compiles once per key and scope, tests each row once when compiled, and an id without a row once', () => {
    const cache = new CompiledFilterCache();
    const scope = {};
    const rows = new Map([
      ['a1', {}],
      ['b1', {}],
    ]);
    let compiled = 0;
    const tested: string[] = [];
    const compile = () => {
      compiled++;
      return (id: string) => {
        tested.push(id);
        return rows.has(id) ? id.startsWith('a') : true;
      };
    };
    const keep = cache.get('genre', scope, compile, rows);
    expect(tested).toEqual(['a1', 'b1']);
    expect([keep('a1'), keep('b1'), keep('a1'), keep('b1')]).toEqual([true, false, true, false]);
    // Ids without an Items row all get the answer of the first one asked.
    expect([keep('x'), keep('y')]).toEqual([true, true]);
    expect(cache.get('genre', scope, compile, rows)).toBe(keep);
    expect(compiled).toBe(1);
    expect(tested).toEqual(['a1', 'b1', 'x']);
    // Other Items data (another scope) compiles again.
    const other = cache.get('genre', {}, compile, rows);
    expect(other).not.toBe(keep);
    expect(compiled).toBe(2);
  });

  it(`keeps at most ${MAX_CACHED_FILTERS} filters, the oldest dropped`, () => {
    const cache = new CompiledFilterCache();
    const scope = {};
    let compiled = 0;
    const compile = () => {
      compiled++;
      return () => true;
    };
    for (let index = 0; index <= MAX_CACHED_FILTERS; index++)
      cache.get(`f${index}`, scope, compile, new Map());
    expect(compiled).toBe(MAX_CACHED_FILTERS + 1);
    cache.get(`f${MAX_CACHED_FILTERS}`, scope, compile, new Map());
    expect(compiled).toBe(MAX_CACHED_FILTERS + 1);
    cache.get('f0', scope, compile, new Map());
    expect(compiled).toBe(MAX_CACHED_FILTERS + 2);
  });

  it('keeps nothing when compiling throws', () => {
    const cache = new CompiledFilterCache();
    const scope = {};
    expect(() =>
      cache.get(
        'bad',
        scope,
        () => {
          throw new Error('filterValues needs a value for $GENRE');
        },
        new Map(),
      ),
    ).toThrow(/GENRE/u);
    expect(cache.get('bad', scope, () => () => false, new Map())('x')).toBe(false);
  });
});
