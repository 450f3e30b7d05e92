import { describe, expect, it } from 'vitest';
import { closestEventType, lintFilterAgainstData } from './filter-data-lint.js';
import { filterColumnsFromAvro, lintFilterExpression } from './filter-expression.js';

const INTERACTIONS = filterColumnsFromAvro(
  JSON.stringify({
    type: 'record',
    name: 'Interactions',
    fields: [
      { name: 'USER_ID', type: 'string' },
      { name: 'ITEM_ID', type: 'string' },
      { name: 'EVENT_TYPE', type: 'string' },
      { name: 'TIMESTAMP', type: 'long' },
    ],
  }),
);
const NO_EVENT_TYPE = INTERACTIONS.filter((column) => column.name !== 'EVENT_TYPE');
/** As a MovieLens-like file whose events were renamed: `watched` and `click`. */
const EVENTS = [
  { value: 'watched', count: 100_836 },
  { value: 'click', count: 57_535 },
];
const UNWATCHED = 'EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN ("watch")';

describe('lintFilterAgainstData', () => {
  it('warns that an event type absent from the data matches nothing, lists the ones that exist and fixes to the closest', () => {
    const warnings = lintFilterAgainstData(UNWATCHED, { eventTypes: EVENTS });
    expect(warnings).toEqual([
      {
        from: UNWATCHED.indexOf('"watch"'),
        to: UNWATCHED.indexOf('"watch"') + '"watch"'.length,
        severity: 'warning',
        message:
          'No imported interaction has event type "watch": it matches nothing. Event types in the data: watched (100,836), click (57,535).',
        fix: {
          label: 'Write "watched"',
          from: UNWATCHED.indexOf('"watch"'),
          to: UNWATCHED.indexOf('"watch"') + '"watch"'.length,
          insert: '"watched"',
        },
      },
    ]);
    // A warning, not an error: the grammar and the schemas accept the expression.
    expect(lintFilterExpression(UNWATCHED, { datasets: { Interactions: INTERACTIONS } })).toEqual(
      [],
    );
  });

  it('compares event types case-insensitively, as the service does, and skips "*" and placeholders', () => {
    for (const text of [
      'EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN ("WATCHED", "Click")',
      'EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN ("*")',
      'EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN ($EVENT)',
    ])
      expect(lintFilterAgainstData(text, { eventTypes: EVENTS }), text).toEqual([]);
  });

  it('warns once per unknown value, in position order, across | expressions', () => {
    const text =
      'INCLUDE ItemID WHERE Interactions.EVENT_TYPE IN ("click", "purchase") | EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN ("rate")';
    const warnings = lintFilterAgainstData(text, { eventTypes: EVENTS });
    expect(warnings.map((warning) => text.slice(warning.from, warning.to))).toEqual([
      '"purchase"',
      '"rate"',
    ]);
    // Neither is close to watched or click: no fix offered.
    expect(warnings.map((warning) => warning.fix)).toEqual([undefined, undefined]);
  });

  it('warns when the Interactions schema has no EVENT_TYPE field, or the data has no event type', () => {
    expect(
      lintFilterAgainstData(UNWATCHED, {
        eventTypes: EVENTS,
        datasets: { Interactions: NO_EVENT_TYPE },
      }).map((warning) => [UNWATCHED.slice(warning.from, warning.to), warning.message]),
    ).toEqual([
      [
        'Interactions.EVENT_TYPE',
        'The Interactions schema has no EVENT_TYPE field: this condition matches no interaction.',
      ],
    ]);
    expect(lintFilterAgainstData(UNWATCHED, { eventTypes: [] })[0]?.message).toBe(
      'The imported interactions have no event type: this condition matches no interaction.',
    );
  });

  it('says nothing without knowing the event types, about Items fields, or about an expression that does not parse', () => {
    expect(lintFilterAgainstData(UNWATCHED, {})).toEqual([]);
    expect(
      lintFilterAgainstData('INCLUDE ItemID WHERE Items.GENRE IN ("Comedy")', {
        eventTypes: EVENTS,
      }),
    ).toEqual([]);
    expect(
      lintFilterAgainstData('EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN (watch', {
        eventTypes: EVENTS,
      }),
    ).toEqual([]);
  });

  it('names at most ten event types and counts the others', () => {
    const many = Array.from({ length: 12 }, (_, index) => ({
      value: `type-${index}`,
      count: 12 - index,
    }));
    expect(lintFilterAgainstData(UNWATCHED, { eventTypes: many })[0]?.message).toMatch(
      /type-9 \(3\) and 2 more\.$/u,
    );
  });
});

describe('closestEventType', () => {
  it('prefers a prefix match, then a close spelling, else none', () => {
    expect(closestEventType('watch', EVENTS)).toBe('watched');
    expect(closestEventType('Watched', [{ value: 'watch', count: 1 }])).toBe('watch');
    expect(closestEventType('clik', EVENTS)).toBe('click');
    expect(closestEventType('purchase', EVENTS)).toBeUndefined();
    expect(closestEventType('', EVENTS)).toBeUndefined();
  });
});
