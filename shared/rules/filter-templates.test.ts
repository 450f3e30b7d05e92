import { describe, expect, it } from 'vitest';
import { parseFilterExpression } from './filter-expression.js';
import { dataFilterTemplates, FILTER_TEMPLATES, filterTemplatesFor } from './filter-templates.js';

describe('filter templates', () => {
  it('the guide keeps its ten MovieLens templates, each valid for the shared parser', () => {
    expect(FILTER_TEMPLATES).toHaveLength(10);
    for (const template of FILTER_TEMPLATES)
      expect(parseFilterExpression(template.expression).diagnostics, template.id).toEqual([]);
  });

  it('without data: the guide templates only, all enabled', () => {
    const offered = filterTemplatesFor({});
    expect(offered).toHaveLength(10);
    expect(offered.every((entry) => entry.disabledReason === undefined)).toBe(true);
    expect(dataFilterTemplates({})).toEqual([]);
  });

  it('an event type with a double quote gets no template (the grammar has no escape), others a filter name', () => {
    const made = dataFilterTemplates({
      eventTypes: [
        { value: 'say "hi"', count: 3 },
        { value: 'Add to cart', count: 2 },
      ],
    });
    expect(made.map((template) => [template.name, template.expression])).toEqual([
      ['not-add-to-cart', 'EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN ("Add to cart")'],
      ['add-to-cart-before', 'INCLUDE ItemID WHERE Interactions.EVENT_TYPE IN ("Add to cart")'],
    ]);
  });
});
