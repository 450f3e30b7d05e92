// @vitest-environment jsdom
import createWrapper from '@cloudscape-design/components/test-utils/dom';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { parseRecipe, type RecipeInput } from '../../../../../shared/prepare/recipe.js';
import { JoinsEditor, joinedSourceColumns } from './JoinsEditor.js';
import { formOfRecipe, outputDraft, recipeOf } from './recipe-form.js';
import { SavedRecipePicker } from './SavedRecipes.js';

afterEach(cleanup);

/**
 * The Online Retail recipe the prepare tests replay (electron/dataprep/prepare/fixtures/
 * online-retail.recipe.json, copied: the renderer imports only shared/).
 */
const RETAIL: RecipeInput = {
  version: 1,
  name: 'online-retail',
  outputs: [
    {
      datasetType: 'interactions',
      fileName: 'interactions.csv',
      columns: [
        { name: 'USER_ID', from: 'CustomerID', transform: { kind: 'id' } },
        { name: 'ITEM_ID', from: 'StockCode', transform: { kind: 'trim' } },
        {
          name: 'TIMESTAMP',
          from: 'InvoiceDate',
          transform: {
            kind: 'timestamp',
            format: 'pattern',
            pattern: '%Y-%m-%d %H:%M:%S',
            timeZone: 'Europe/London',
          },
        },
        { name: 'EVENT_TYPE', value: 'purchase' },
        { name: 'EVENT_VALUE', from: 'Quantity', transform: { kind: 'number' } },
      ],
      steps: [
        { kind: 'filter', column: 'InvoiceNo', operator: 'notStartsWith', value: 'C' },
        { kind: 'dropBlank', columns: ['USER_ID'] },
      ],
    },
    {
      datasetType: 'items',
      fileName: 'items.csv',
      columns: [
        { name: 'ITEM_ID', from: 'StockCode', transform: { kind: 'trim' } },
        { name: 'DESCRIPTION', from: 'Description', transform: { kind: 'trim' } },
      ],
      steps: [
        { kind: 'dropBlank', columns: ['ITEM_ID'] },
        { kind: 'onePerKey', key: 'ITEM_ID' },
      ],
    },
    {
      datasetType: 'users',
      fileName: 'users.csv',
      columns: [
        { name: 'USER_ID', from: 'CustomerID', transform: { kind: 'id' } },
        { name: 'COUNTRY', from: 'Country', transform: { kind: 'trim' } },
      ],
      steps: [
        { kind: 'dropBlank', columns: ['USER_ID'] },
        { kind: 'onePerKey', key: 'USER_ID' },
      ],
    },
  ],
};

describe('saved recipes', () => {
  it('loads a saved recipe back into the form: exporting it again gives the same recipe', () => {
    const form = formOfRecipe({ ...RETAIL, source: '/data/online_retail_raw.csv.gz' });
    expect(form.name).toBe('online-retail');
    expect(form.source).toBe('/data/online_retail_raw.csv.gz');
    expect(form.outputs.map((output) => output.isEnabled)).toEqual([true, true, true]);
    const interactions = form.outputs[0];
    expect(interactions?.filters).toEqual([
      { column: 'InvoiceNo', operator: 'notStartsWith', value: 'C' },
    ]);
    expect(interactions?.columns[2]).toMatchObject({
      name: 'TIMESTAMP',
      from: 'InvoiceDate',
      conversion: 'pattern',
      timeZone: 'Europe/London',
    });
    const again = recipeOf(form.name, form.source, form.outputs);
    const parsed = (value: RecipeInput) => {
      const result = parseRecipe(value);
      if (!result.ok) throw new Error(JSON.stringify(result));
      return result.recipe.outputs;
    };
    const before = parsed(RETAIL);
    const after = parsed(again);
    expect(after.map((output) => output.columns)).toEqual(before.map((output) => output.columns));
    expect(after.slice(1)).toEqual(before.slice(1));
    // The form drops rows with any blank id (USER_ID and ITEM_ID), the saved recipe USER_ID only.
    expect(after[0]?.steps).toEqual([
      before[0]?.steps[0],
      { kind: 'dropBlank', columns: ['USER_ID', 'ITEM_ID'] },
    ]);
  });

  it('turns off the outputs a recipe does not write', () => {
    const only = { ...RETAIL, outputs: RETAIL.outputs.slice(0, 1) };
    expect(formOfRecipe(only).outputs.map((output) => output.isEnabled)).toEqual([
      true,
      false,
      false,
    ]);
  });

  it('hands the chosen recipe to the form from "Load into the form"', () => {
    let loaded: RecipeInput | undefined;
    render(
      <SavedRecipePicker
        recipes={[
          { name: 'online-retail', path: '/ws/recipes/online-retail.json', recipe: RETAIL },
        ]}
        onLoad={(recipe) => (loaded = recipe)}
      />,
    );
    const load = screen.getByTestId('prepare-load-recipe');
    expect(load.hasAttribute('disabled') || load.getAttribute('aria-disabled') === 'true').toBe(
      true,
    );
    const picker = createWrapper(document.body).findSelect('[data-testid="prepare-saved-recipes"]');
    picker?.openDropdown();
    picker?.selectOption(1);
    fireEvent.click(screen.getByTestId('prepare-load-recipe'));
    expect(loaded).toBe(RETAIL);
  });
});

describe('join metadata', () => {
  it('writes complete joins into the recipe, offers their columns and loads them back', () => {
    const joins = [
      {
        path: '/data/items.csv',
        key: 'StockCode',
        otherKey: 'ITEM_ID',
        columns: 'DESCRIPTION, PRICE=UNIT_PRICE',
      },
      { path: '', key: 'StockCode', otherKey: '', columns: '' },
    ];
    const recipe = recipeOf('retail', '/data/raw.csv', [outputDraft('interactions')], joins);
    expect(recipe.joins).toEqual([
      {
        path: '/data/items.csv',
        key: 'StockCode',
        otherKey: 'ITEM_ID',
        columns: [
          { from: 'DESCRIPTION', as: 'DESCRIPTION' },
          { from: 'PRICE', as: 'UNIT_PRICE' },
        ],
      },
    ]);
    expect(joinedSourceColumns(['StockCode', 'CustomerID'], joins)).toEqual([
      'StockCode',
      'CustomerID',
      'DESCRIPTION',
      'UNIT_PRICE',
    ]);
    expect(formOfRecipe(recipe).joins).toEqual([joins[0]]);
    expect(
      recipeOf('retail', '/data/raw.csv', [outputDraft('interactions')]).joins,
    ).toBeUndefined();
  });

  it('adds a join row from "Join metadata"', () => {
    let changed: unknown;
    render(
      <JoinsEditor
        joins={[]}
        sourceColumns={['StockCode']}
        onChange={(next) => (changed = next)}
      />,
    );
    fireEvent.click(screen.getByTestId('prepare-add-join'));
    expect(changed).toEqual([{ path: '', key: '', otherKey: '', columns: '' }]);
  });
});
