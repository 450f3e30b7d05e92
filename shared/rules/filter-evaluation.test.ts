import { describe, expect, it } from 'vitest';
import {
  FilterRequestError,
  compileFilter,
  type FilterRequest,
  type FilterRow,
} from './filter-evaluation.js';
import { parseFilterExpression, parseFilterValues } from './filter-expression.js';

const ITEMS: Readonly<Record<string, FilterRow>> = {
  i1: { ITEM_ID: 'i1', GENRE: 'Comedy|Drama', YEAR: '1995', PRICE: '10' },
  i2: { ITEM_ID: 'i2', GENRE: 'Horror', YEAR: '2001', PRICE: '25.5' },
  i3: { ITEM_ID: 'i3', GENRE: 'comedy', YEAR: '2010' },
  i4: { ITEM_ID: 'i4' },
};
const ALL = Object.keys(ITEMS);

function run(
  text: string,
  values: Record<string, string> = {},
  extra: Partial<FilterRequest> = {},
): string[] {
  const { ast, diagnostics } = parseFilterExpression(text);
  if (!ast) throw new Error(diagnostics.map((d) => d.message).join('; '));
  const parsed = parseFilterValues(values);
  if (!parsed.ok) throw new Error(parsed.message);
  const keep = compileFilter(ast, {
    subject: 'ItemID',
    values: parsed.values,
    itemRow: (itemId) => ITEMS[itemId],
    userInteractions: new Map([
      ['watch', ['i1']],
      ['click', ['i1', 'i2']],
    ]),
    allowsCurrentItem: false,
    ...extra,
  });
  return ALL.filter(keep);
}

describe('compileFilter on items', () => {
  it('matches categorical values exactly and case-sensitively', () => {
    expect(run('INCLUDE ItemID WHERE Items.GENRE IN ($GENRE)', { GENRE: '"Comedy"' })).toEqual([
      'i1',
    ]);
    expect(run('INCLUDE ItemID WHERE Items.GENRE IN ("Comedy", "Horror")')).toEqual(['i1', 'i2']);
  });

  it('keeps items without a value under NOT IN and drops them under IN and comparisons', () => {
    expect(run('EXCLUDE ItemID WHERE Items.GENRE NOT IN ("Horror")')).toEqual(['i2']);
    expect(run('INCLUDE ItemID WHERE Items.GENRE NOT IN ("Horror")')).toEqual(['i1', 'i3', 'i4']);
    expect(run('INCLUDE ItemID WHERE Items.PRICE <= $PRICE', { PRICE: '20' })).toEqual(['i1']);
    expect(run('INCLUDE ItemID WHERE Items.PRICE <= $PRICE', { PRICE: '"25.5"' })).toEqual([
      'i1',
      'i2',
    ]);
    expect(run('EXCLUDE ItemID WHERE Items.PRICE != 10')).toEqual(['i1', 'i3', 'i4']);
  });

  it('selects the user\u2019s interactions by event type, case-insensitively, * for any', () => {
    expect(run('EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN ("WATCH")')).toEqual([
      'i2',
      'i3',
      'i4',
    ]);
    expect(run('EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN ("*")')).toEqual(['i3', 'i4']);
    expect(run('INCLUDE ItemID WHERE Interactions.EVENT_TYPE IN ($E)', { E: '"click"' })).toEqual([
      'i1',
      'i2',
    ]);
  });

  it('looks at the 100 most recent interactions per event type', () => {
    const clicks = ['i2', ...Array.from({ length: 100 }, () => 'i1')];
    const userInteractions = new Map([['click', clicks]]);
    expect(
      run('EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN ("click")', {}, { userInteractions }),
    ).toEqual(['i2', 'i3', 'i4']);
    const recent = new Map([['click', clicks.slice(0, 100)]]);
    expect(
      run(
        'EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN ("click")',
        {},
        { userInteractions: recent },
      ),
    ).toEqual(['i3', 'i4']);
  });

  it('combines expressions: union of INCLUDE minus union of EXCLUDE', () => {
    expect(
      run(
        'INCLUDE ItemID WHERE Items.GENRE IN ("Comedy") | INCLUDE ItemID WHERE Items.YEAR > 2005',
      ),
    ).toEqual(['i1', 'i3']);
    expect(
      run(
        'INCLUDE ItemID WHERE Items.GENRE IN ($GENRE) | EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN ("watch")',
        { GENRE: '"Comedy","comedy"' },
      ),
    ).toEqual(['i3']);
    expect(
      run(
        'EXCLUDE ItemID WHERE Items.GENRE IN ("Horror") | EXCLUDE ItemID WHERE Items.YEAR < 2000',
      ),
    ).toEqual(['i3', 'i4']);
  });

  it('resolves columns written in another case', () => {
    expect(
      run(
        'INCLUDE ItemID WHERE Items.genre IN ("Horror")',
        {},
        {
          resolveColumn: (_, column) => column.toUpperCase(),
        },
      ),
    ).toEqual(['i2']);
  });

  it('AND binds tighter than OR', () => {
    expect(
      run(
        'INCLUDE ItemID WHERE Items.YEAR > 2000 AND Items.PRICE > 20 OR Items.GENRE IN ("comedy")',
      ),
    ).toEqual(['i2', 'i3']);
  });

  it('needs INCLUDE placeholders, skips EXCLUDE expressions without their value', () => {
    expect(() => run('INCLUDE ItemID WHERE Items.GENRE IN ($GENRE)')).toThrow(FilterRequestError);
    expect(run('EXCLUDE ItemID WHERE Items.GENRE IN ($GENRE)')).toEqual(ALL);
    expect(() => run('EXCLUDE ItemID WHERE Items.GENRE IN ($GENRE)', { OTHER: '"x"' })).toThrow(
      /OTHER/u,
    );
  });

  it('evaluates IF CurrentUser on the requesting user; false or unknown skips the expression', () => {
    const text = 'EXCLUDE ItemID WHERE Items.GENRE IN ("Horror") IF CurrentUser.AGE < $AGE';
    expect(run(text, { AGE: '18' }, { user: { AGE: '12' } })).toEqual(['i1', 'i3', 'i4']);
    expect(run(text, { AGE: '18' }, { user: { AGE: '40' } })).toEqual(ALL);
    expect(run(text, { AGE: '18' })).toEqual(ALL);
  });

  it('uses CurrentItem only for related items', () => {
    const text = 'INCLUDE ItemID WHERE Items.GENRE IN CurrentItem.GENRE';
    expect(() => run(text)).toThrow(/related-items/u);
    expect(run(text, {}, { allowsCurrentItem: true, currentItem: ITEMS.i2 })).toEqual(['i2']);
    expect(
      run(
        'INCLUDE ItemID WHERE Items.PRICE < CurrentItem.PRICE',
        {},
        { allowsCurrentItem: true, currentItem: ITEMS.i2 },
      ),
    ).toEqual(['i1']);
  });

  it('refuses a UserID filter on items and Interactions without a user', () => {
    expect(() => run('INCLUDE UserID WHERE Items.GENRE IN ("x")')).toThrow(/UserID/u);
    expect(() =>
      run(
        'EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN ("watch")',
        {},
        { userInteractions: undefined },
      ),
    ).toThrow(/userId/u);
  });
});

describe('compileFilter on users', () => {
  it('selects users by their record and interactions', () => {
    const users: Record<string, FilterRow> = { u1: { AGE: '30' }, u2: { AGE: '15' }, u3: {} };
    const events: Record<string, Map<string, string[]>> = { u1: new Map([['click', ['i1']]]) };
    const { ast } = parseFilterExpression(
      'INCLUDE UserID WHERE Users.AGE >= 18 | INCLUDE UserID WHERE Interactions.EVENT_TYPE IN ("CLICK")',
    );
    if (!ast) throw new Error('parse failed');
    const keep = compileFilter(ast, {
      subject: 'UserID',
      values: new Map(),
      allowsCurrentItem: false,
      userRow: (userId) => users[userId],
      interactionsOf: (userId) => events[userId],
    });
    expect(['u1', 'u2', 'u3'].filter(keep)).toEqual(['u1']);
  });
});
