import { describe, expect, it } from 'vitest';
import { validateDataset, type DatasetStats, type RuleDatasetType } from './dataset-rules.js';
import { lintSchema } from './schema-rules.js';
import { columnStats, interactionsStats } from './test-support/dataset-stats.js';

const NS = 'com.amazonaws.personalize.schema';

/** A file of `datasetType` with its id columns and `extra`, as the inferred schema types them: plain strings. */
function fileWith(datasetType: RuleDatasetType, extra: readonly string[]): DatasetStats {
  const ids = {
    interactions: ['USER_ID', 'ITEM_ID', 'TIMESTAMP'],
    items: ['ITEM_ID'],
    users: ['USER_ID'],
  }[datasetType];
  const names = [...ids, ...extra];
  return interactionsStats({
    datasetType,
    columns: names.map((name) => columnStats(name, name === 'TIMESTAMP' ? 'BIGINT' : 'VARCHAR')),
    schema: {
      source: 'inferred',
      fields: names.map((name) => ({ name, type: name === 'TIMESTAMP' ? 'long' : 'string' })),
    },
  });
}

/** The `field.unused` findings' column, message and fix. */
function unused(stats: DatasetStats): { column?: string; message: string; fix?: string }[] {
  return validateDataset(stats)
    .filter((finding) => finding.code === 'field.unused')
    .map(({ column, message, fix }) => ({
      ...(column === undefined ? {} : { column }),
      message,
      ...(fix === undefined ? {} : { fix }),
    }));
}

describe('the "training ignores it" advice fits the dataset type', () => {
  it('interactions: a product description goes to items.csv as a textual field, a category as a categorical one', () => {
    expect(unused(fileWith('interactions', ['Description', 'Category', 'DEVICE']))).toEqual([
      {
        column: 'Description',
        message:
          'Description describes the item, not the interaction: in an interactions file training ignores it. Item metadata belongs in the items file.',
        fix: 'Move Description to items.csv as a textual field (Fix into new files: tick items), or drop it from the interactions.',
      },
      {
        column: 'Category',
        message:
          'Category describes the item, not the interaction: in an interactions file training ignores it. Item metadata belongs in the items file.',
        fix: 'Move Category to items.csv as a categorical field (Fix into new files: tick items), or drop it from the interactions.',
      },
      {
        // Context of the event: categorical interaction metadata is what it can be.
        column: 'DEVICE',
        message:
          'DEVICE is a string field without "categorical", so training ignores it (interactions take no textual fields).',
        fix: 'Mark it categorical if it describes the event (device, channel, location), or drop it.',
      },
    ]);
  });

  it('items: categorical or textual', () => {
    expect(unused(fileWith('items', ['Description']))).toEqual([
      {
        column: 'Description',
        message:
          'Description is a string field without "categorical" or "textual", so training ignores it.',
        fix: 'Mark it categorical (few distinct values) or textual (free text), or drop it.',
      },
    ]);
  });

  it('users: categorical only, textual fields being for items', () => {
    expect(unused(fileWith('users', ['MEMBERSHIP']))).toEqual([
      {
        column: 'MEMBERSHIP',
        message:
          'MEMBERSHIP is a string field without "categorical", so training ignores it (textual fields are for items only).',
        fix: 'Mark it categorical, or drop it.',
      },
    ]);
  });

  it('the schema editor says the same of a plain string DESCRIPTION field', () => {
    const message = (datasetType: RuleDatasetType, name: string, id: string[]): string[] =>
      lintSchema(
        JSON.stringify({
          type: 'record',
          name: { interactions: 'Interactions', items: 'Items', users: 'Users' }[datasetType],
          namespace: NS,
          fields: [
            ...id.map((field) => ({
              name: field,
              type: field === 'TIMESTAMP' ? 'long' : 'string',
            })),
            { name, type: 'string' },
          ],
          version: '1.0',
        }),
        datasetType,
      )
        .findings.filter((finding) => finding.code === 'field.unused')
        .map((finding) => finding.message);
    expect(message('interactions', 'DESCRIPTION', ['USER_ID', 'ITEM_ID', 'TIMESTAMP'])).toEqual([
      'DESCRIPTION describes the item, not the interaction: in an interactions file training ignores it. Item metadata belongs in the items file. Move DESCRIPTION to items.csv as a textual field (Fix into new files: tick items), or drop it from the interactions.',
    ]);
    expect(message('items', 'DESCRIPTION', ['ITEM_ID'])).toEqual([
      'DESCRIPTION is a string field without "categorical" or "textual", so training ignores it. Mark it categorical (few distinct values) or textual (free text), or drop it.',
    ]);
    expect(message('users', 'MEMBERSHIP', ['USER_ID'])).toEqual([
      'MEMBERSHIP is a string field without "categorical", so training ignores it (textual fields are for items only). Mark it categorical, or drop it.',
    ]);
  });
});
