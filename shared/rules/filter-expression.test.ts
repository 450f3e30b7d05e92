import { describe, expect, it } from 'vitest';
import {
  MAX_FIELDS_PER_FILTER,
  filterColumnsFromAvro,
  filterFields,
  lintFilterExpression,
  parseFilterExpression,
  parseFilterValues,
  type FilterSchemaContext,
} from './filter-expression.js';

/** A dataset group holding every column the SPEC §8.4 examples name, typed as the examples assume. */
const CONTEXT: FilterSchemaContext = {
  datasets: {
    Items: [
      { name: 'ITEM_ID', type: 'string' },
      { name: 'CATEGORY', type: 'string', isCategorical: true },
      { name: 'CATEGORY_L1', type: 'string', isCategorical: true },
      { name: 'CATEGORY_L2', type: 'string', isCategorical: true },
      { name: 'PRICE', type: 'float' },
      { name: 'CREATION_TIMESTAMP', type: 'long' },
      { name: 'GENRE', type: 'string', isCategorical: true },
      { name: 'DESCRIPTION_TAG', type: 'string', isCategorical: true },
      { name: 'DESCRIPTION', type: 'string', isTextual: true },
      { name: 'IN_STOCK', type: 'boolean' },
      { name: 'AVAILABLE', type: 'string' },
    ],
    Interactions: [
      { name: 'USER_ID', type: 'string' },
      { name: 'ITEM_ID', type: 'string' },
      { name: 'TIMESTAMP', type: 'long' },
      { name: 'EVENT_TYPE', type: 'string' },
      { name: 'DEVICE', type: 'string', isCategorical: true },
    ],
    Users: [
      { name: 'USER_ID', type: 'string' },
      { name: 'AGE', type: 'int' },
      { name: 'MEMBERSHIP_STATUS', type: 'string' },
      { name: 'MEMBERSHIP', type: 'string' },
      { name: 'X', type: 'int' },
    ],
    Actions: [
      { name: 'ACTION_ID', type: 'string' },
      { name: 'CATEGORY', type: 'string', isCategorical: true },
      { name: 'VALUE', type: 'float' },
    ],
    Action_Interactions: [
      { name: 'USER_ID', type: 'string' },
      { name: 'ACTION_ID', type: 'string' },
      { name: 'EVENT_TYPE', type: 'string' },
    ],
  },
};

/** SPEC §8.4 "Valid", verbatim. */
const VALID = [
  'EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN ("click", "stream")',
  'INCLUDE ItemID WHERE Interactions.EVENT_TYPE IN ("click")',
  'EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN ($EVENT_TYPE)',
  'EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN ("*")',
  'EXCLUDE ItemID WHERE Items.CATEGORY IN ($CATEGORY)',
  'EXCLUDE ItemID WHERE Items.CATEGORY_L1 IN ("shoe") AND Items.CATEGORY_L2 NOT IN ("boot")',
  'INCLUDE ItemID WHERE Items.PRICE <= $PRICE',
  'INCLUDE ItemID WHERE Items.CREATION_TIMESTAMP < $DATE',
  'INCLUDE ItemID WHERE Items.GENRE IN ($GENRE)',
  'INCLUDE ItemID WHERE Items.PRICE < CurrentItem.PRICE AND Items.GENRE IN CurrentItem.GENRE',
  'INCLUDE ItemID WHERE Items.PRICE < CurrentItem.PRICE AND Items.CREATION_TIMESTAMP > $DATE',
  'EXCLUDE ItemID WHERE Items.GENRE IN ($GENRE) IF CurrentUser.AGE = $AGE',
  'INCLUDE ItemID WHERE Items.CATEGORY IN ("watch") AND Items.DESCRIPTION_TAG IN ("luxury") IF CurrentUser.AGE > 18',
  'INCLUDE ItemID WHERE Items.CATEGORY IN ($CATEGORY) | INCLUDE ItemID WHERE Interactions.EVENT_TYPE IN ("favorite")',
  'INCLUDE ItemID WHERE Items.GENRE IN ($GENRE) | EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN ("click", "stream")',
  'INCLUDE UserID WHERE Users.MEMBERSHIP_STATUS IN ($MEMBERSHIP)',
  'EXCLUDE UserID WHERE Users.AGE < $AGE',
  'INCLUDE UserID WHERE Interactions.EVENT_TYPE IN ("click", "rating")',
  'EXCLUDE UserID WHERE Interactions.EVENT_TYPE IN ($EVENT_TYPE)',
  'INCLUDE ActionID WHERE Action_Interactions.EVENT_TYPE IN ($EVENT_TYPE)',
  'EXCLUDE ActionID WHERE Action_Interactions.EVENT_TYPE IN ("NOT_TAKEN")',
  'EXCLUDE ActionID WHERE Actions.CATEGORY IN ($CATEGORY)',
  'INCLUDE ActionID WHERE Actions.VALUE > ($VALUE)',
  'EXCLUDE ActionID WHERE Actions.VALUE < ($VALUE) IF CurrentUser.MEMBERSHIP = $PREMIUM',
  'INCLUDE ItemID WHERE Items.AVAILABLE IN ("True")',
  'EXCLUDE ItemID WHERE Items.PRICE != 0',
];

/** SPEC §8.4 "Invalid": expression, the schema context it is checked in, and a word of the message. */
const INVALID: readonly [string, FilterSchemaContext, RegExp][] = [
  ['EXCLUDE ItemID WHERE Items.CATEGORY NOT IN ($CATEGORY)', CONTEXT, /placeholder.*NOT IN/u],
  [
    'EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN ("click") AND Items.GENRE IN ("x")',
    CONTEXT,
    /cannot mix datasets.*pipe separator/u,
  ],
  ['INCLUDE ItemID WHERE Interactions.DEVICE IN ("phone")', CONTEXT, /EVENT_TYPE only/u],
  ['INCLUDE ItemID WHERE Items.DESCRIPTION IN ("boot")', CONTEXT, /textual/u],
  ['INCLUDE ItemID WHERE Items.IN_STOCK IN ("true")', CONTEXT, /boolean/u],
  [
    'INCLUDE ItemID WHERE Items.GENRE IN ("x") IF CurrentUser.AGE > 18 IF CurrentUser.X = 1',
    CONTEXT,
    /Only one IF/u,
  ],
  [
    'INCLUDE ItemID IF CurrentUser.AGE > 18 WHERE Items.GENRE IN ("x")',
    CONTEXT,
    /IF must come last/u,
  ],
  ['INCLUDE ItemID WHERE CurrentUser.AGE > 18', CONTEXT, /CurrentUser is only allowed in the IF/u],
  ['EXCLUDE ItemID WHERE Items.GENRE IN ("x") IF Users.AGE > 18', CONTEXT, /CurrentUser/u],
  ['INCLUDE ItemID WHERE Items.PRICE <= "cheap"', CONTEXT, /compares numbers/u],
  ['INCLUDE ItemID WHERE Items.GENRE IN ("*")', CONTEXT, /only allowed for EVENT_TYPE/u],
  ['include ItemID where Items.GENRE in ("x")', CONTEXT, /upper case/u],
  ['INCLUDE ItemID WHERE Items.NOPE IN ("x")', CONTEXT, /no column NOPE/u],
  [
    'INCLUDE ItemID WHERE Items.GENRE IN ("x")',
    { datasets: { Interactions: CONTEXT.datasets.Interactions ?? [] } },
    /no Items dataset/u,
  ],
  ['INCLUDE ItemID WHERE Items.GENRE IN (x)', CONTEXT, /double-quoted/u],
  ['EXCLUDE ItemID WHERE Items.GENRE IN ("x") | ', CONTEXT, /Dangling pipe/u],
];

describe('filter expressions: SPEC §8.4 valid examples', () => {
  it.each(VALID)('accepts %s', (text) => {
    expect(lintFilterExpression(text, CONTEXT)).toEqual([]);
    expect(parseFilterExpression(text).ast?.expressions.length).toBe(text.split('|').length);
  });
});

describe('filter expressions: SPEC §8.4 invalid examples', () => {
  it.each(INVALID)('rejects %s', (text, context, message) => {
    const diagnostics = lintFilterExpression(text, context);
    expect(diagnostics.length).toBeGreaterThan(0);
    expect(diagnostics.map((diagnostic) => diagnostic.message).join(' / ')).toMatch(message);
    for (const diagnostic of diagnostics) {
      expect(diagnostic.from).toBeGreaterThanOrEqual(0);
      expect(diagnostic.to).toBeGreaterThanOrEqual(diagnostic.from);
      expect(diagnostic.to).toBeLessThanOrEqual(text.length);
    }
  });

  it('rejects 11 distinct columns across the expressions of one filter', () => {
    const columns = Array.from({ length: 11 }, (_, index) => `C${index}`);
    const text = columns
      .map((column) => `EXCLUDE ItemID WHERE Items.${column} IN ("x")`)
      .join(' | ');
    expect(lintFilterExpression(text)[0]?.message).toMatch(
      `at most ${MAX_FIELDS_PER_FILTER} distinct dataset fields; this one uses 11`,
    );
    // Ten are fine.
    expect(lintFilterExpression(text.split(' | ').slice(0, 10).join(' | '))).toEqual([]);
  });

  it('accepts the subject-mismatch and CurrentItem examples at parse time (they fail at request time)', () => {
    expect(lintFilterExpression('INCLUDE UserID WHERE Items.GENRE IN ("x")', CONTEXT)).toEqual([]);
    expect(
      lintFilterExpression('INCLUDE ItemID WHERE Items.PRICE < CurrentItem.PRICE', CONTEXT),
    ).toEqual([]);
  });
});

describe('filter expressions: positions and fixes', () => {
  it('points at the lower-case keyword and offers the upper-case one', () => {
    const [diagnostic] = lintFilterExpression('include ItemID WHERE Items.GENRE IN ("x")');
    expect(diagnostic).toMatchObject({
      from: 0,
      to: 7,
      fix: { insert: 'INCLUDE', from: 0, to: 7 },
    });
  });

  it('offers to quote a bare value', () => {
    const text = 'INCLUDE ItemID WHERE Items.GENRE IN (Comedy)';
    const [diagnostic] = lintFilterExpression(text);
    expect(text.slice(diagnostic?.from, diagnostic?.to)).toBe('Comedy');
    expect(diagnostic?.fix?.insert).toBe('"Comedy"');
  });

  it('splits a mixed expression with the pipe separator, and the fix is valid', () => {
    const text =
      'EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN ("click") AND Items.GENRE IN ("x")';
    const [diagnostic] = lintFilterExpression(text, CONTEXT);
    expect(text.slice(diagnostic?.from, diagnostic?.to)).toBe('Items.GENRE');
    const fix = diagnostic?.fix;
    expect(fix).toBeDefined();
    if (!fix) return;
    const fixed = text.slice(0, fix.from) + fix.insert + text.slice(fix.to);
    expect(fixed).toBe(
      'EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN ("click") | EXCLUDE ItemID WHERE Items.GENRE IN ("x")',
    );
    expect(lintFilterExpression(fixed, CONTEXT)).toEqual([]);
  });

  it('removes a dangling pipe separator', () => {
    const text = 'EXCLUDE ItemID WHERE Items.GENRE IN ("x") | ';
    const [diagnostic] = lintFilterExpression(text);
    expect(diagnostic).toMatchObject({ from: 42, to: 43, fix: { insert: '' } });
  });

  it('matches columns case-insensitively (the guide writes Interactions.event_type) and reports each expression', () => {
    expect(
      lintFilterExpression('INCLUDE ItemID WHERE Interactions.event_type IN ("watch")', CONTEXT),
    ).toEqual([]);
    const text =
      'INCLUDE ItemID WHERE Items.genre IN ("x") | EXCLUDE ItemID WHERE Items.NOPE IN ("y") | EXCLUDE ItemID WHERE Items.OTHER IN ("z")';
    const diagnostics = lintFilterExpression(text, CONTEXT);
    expect(diagnostics.map((diagnostic) => text.slice(diagnostic.from, diagnostic.to))).toEqual([
      'Items.NOPE',
      'Items.OTHER',
    ]);
    expect(diagnostics[0]?.message).toMatch(/no column NOPE \(columns: ITEM_ID, CATEGORY/u);
  });

  it('reports a syntax error in each expression between pipes', () => {
    const diagnostics = lintFilterExpression(
      'INCLUDE ItemID WHERE Items.GENRE IN ("x" | EXCLUDE ItemID WHERE Items.GENRE = "y"',
    );
    expect(diagnostics.map((diagnostic) => diagnostic.message)).toEqual([
      expect.stringMatching(/Expected , or \) in the value list, found the end/u),
      expect.stringMatching(/= compares numbers/u),
    ]);
  });

  it('closes an unterminated string', () => {
    const text = 'INCLUDE ItemID WHERE Items.GENRE IN ("Comedy';
    const [diagnostic] = lintFilterExpression(text);
    expect(diagnostic?.message).toMatch(/closing double quote/u);
    expect(diagnostic?.fix).toMatchObject({ from: text.length, insert: '"' });
  });

  it('rejects comparisons on string columns and an empty expression', () => {
    expect(
      lintFilterExpression('INCLUDE ItemID WHERE Items.GENRE > 3', CONTEXT)[0]?.message,
    ).toMatch(/string column/u);
    expect(lintFilterExpression('   ')[0]?.message).toMatch(/Empty expression/u);
    const long = `INCLUDE ItemID WHERE Items.GENRE IN ("${'x'.repeat(2500)}")`;
    const diagnostics = lintFilterExpression(long);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]?.from).toBe(2500);
    expect(diagnostics[0]?.message).toMatch(/at most 2500 characters/u);
  });
});

describe('filter expressions: AST', () => {
  it('groups conditions as OR of ANDs (AND binds tighter)', () => {
    const { ast } = parseFilterExpression(
      'INCLUDE ItemID WHERE Items.A IN ("1") AND Items.B IN ("2") OR Items.C > 3',
    );
    const groups = ast?.expressions[0]?.groups.map((group) => group.map((c) => c.column));
    expect(groups).toEqual([['A', 'B'], ['C']]);
  });

  it('keeps operators, values and placeholders', () => {
    const { ast } = parseFilterExpression(
      'EXCLUDE ItemID WHERE Items.GENRE IN ($GENRE) IF CurrentUser.AGE >= 18',
    );
    const expression = ast?.expressions[0];
    expect(expression).toMatchObject({ action: 'EXCLUDE', subject: 'ItemID' });
    expect(expression?.groups[0]?.[0]).toMatchObject({
      dataset: 'Items',
      column: 'GENRE',
      operator: 'IN',
      value: { kind: 'placeholder', name: 'GENRE' },
    });
    expect(expression?.userConditions[0]).toMatchObject({
      column: 'AGE',
      operator: '>=',
      value: { kind: 'number', value: 18 },
    });
    expect(filterFields(ast ?? { expressions: [] })).toEqual(['Items.GENRE', 'Users.AGE']);
  });
});

describe('filterValues (SPEC §8.5)', () => {
  it('splits quoted values on commas outside quotes', () => {
    const result = parseFilterValues({
      GENRES: '"horror","comedy", "drama"',
      ONE: '"drama"',
      PRICE: '10',
      QUOTED_PRICE: '"10"',
      COMMA: '"a,b","c"',
    });
    expect(result.ok && Object.fromEntries(result.values)).toEqual({
      GENRES: ['horror', 'comedy', 'drama'],
      ONE: ['drama'],
      PRICE: ['10'],
      QUOTED_PRICE: ['10'],
      COMMA: ['a,b', 'c'],
    });
  });

  it('rejects empty segments, bad keys and too many keys', () => {
    expect(parseFilterValues({ G: '"a",,"b"' }).ok).toBe(false);
    expect(parseFilterValues({ 'BAD-KEY': '"a"' }).ok).toBe(false);
    const many = Object.fromEntries(Array.from({ length: 26 }, (_, i) => [`K${i}`, '"v"']));
    expect(parseFilterValues(many)).toMatchObject({ ok: false, message: /26 keys/u });
  });
});

describe('filterColumnsFromAvro', () => {
  it('reads types, unions with null and flags', () => {
    const columns = filterColumnsFromAvro(
      JSON.stringify({
        type: 'record',
        name: 'Items',
        fields: [
          { name: 'ITEM_ID', type: 'string' },
          { name: 'GENRE', type: ['null', 'string'], categorical: true },
          { name: 'YEAR', type: 'int' },
          { name: 'DESCRIPTION', type: ['null', 'string'], textual: true },
        ],
      }),
    );
    expect(columns).toEqual([
      { name: 'ITEM_ID', type: 'string', isCategorical: false, isTextual: false },
      { name: 'GENRE', type: 'string', isCategorical: true, isTextual: false },
      { name: 'YEAR', type: 'int', isCategorical: false, isTextual: false },
      { name: 'DESCRIPTION', type: 'string', isCategorical: false, isTextual: true },
    ]);
  });
});
