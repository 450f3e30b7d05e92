import { describe, expect, it } from 'vitest';
import {
  parseFilterExpression,
  parseFilterValues,
} from '../../../../shared/rules/filter-expression.js';
import {
  FILTER_TEMPLATES,
  filterValueOf,
  filterValuesOf,
  placeholdersOf,
} from './filter-values.js';

describe('filter values as the service takes them (SPEC §8.5)', () => {
  it('quotes typed text, keeps numbers and already quoted values', () => {
    expect(filterValueOf('Comedy')).toBe('"Comedy"');
    expect(filterValueOf(' Comedy, Drama ')).toBe('"Comedy","Drama"');
    expect(filterValueOf('1990')).toBe('1990');
    expect(filterValueOf('"Sci-Fi"')).toBe('"Sci-Fi"');
    expect(filterValueOf('   ')).toBeUndefined();
  });

  it('maps the placeholders of an expression, leaving out those without a value', () => {
    const expression = 'INCLUDE ItemID WHERE Items.GENRE IN ($GENRE) AND Items.YEAR >= $YEAR';
    expect(placeholdersOf(expression)).toEqual(['GENRE', 'YEAR']);
    expect(filterValuesOf(expression, { GENRE: 'Comedy' })).toEqual({ GENRE: '"Comedy"' });
    // The shared parser reads the values back as the sandbox will.
    const parsed = parseFilterValues(
      filterValuesOf(expression, { GENRE: 'Comedy, Drama', YEAR: '1990' }),
    );
    expect(parsed.ok && [...parsed.values]).toEqual([
      ['GENRE', ['Comedy', 'Drama']],
      ['YEAR', ['1990']],
    ]);
  });

  it('offers ten templates, each valid for the shared parser', () => {
    expect(FILTER_TEMPLATES).toHaveLength(10);
    for (const template of FILTER_TEMPLATES)
      expect(parseFilterExpression(template.expression).diagnostics, template.id).toEqual([]);
  });
});
