/**
 * What the `field.unused` finding says of a string field marked neither categorical nor textual
 * (SPEC §4.2: accepted, but training ignores it), fitted to the dataset it is in: only an Items
 * schema takes textual fields, and a product's description or category in an interactions file
 * is item metadata, which belongs in the items file, not interaction context.
 */
import { isProductName, normal, TEXTUAL_NAMES } from './column-names.js';
import type { RuleDatasetType } from './dataset-rules.js';

/** The finding's message and its fix, as the Data step and the schema editor show them. */
export interface UnusedStringAdvice {
  readonly message: string;
  readonly fix: string;
}

/**
 * The `field.unused` advice for the string column `column` of a `datasetType` file:
 *
 * - items: mark it categorical or textual, or drop it;
 * - users: mark it categorical (textual fields are for items only), or drop it;
 * - interactions, a column named like a product attribute (Description, Title, Category): it
 *   describes the item, so move it to items.csv (textual for free text, categorical for a
 *   category) or drop it, never "mark it categorical" here;
 * - interactions, other columns: mark it categorical when it describes the event (device,
 *   channel), or drop it.
 */
export function unusedStringAdvice(
  datasetType: RuleDatasetType,
  column: string,
): UnusedStringAdvice {
  switch (datasetType) {
    case 'items':
      return {
        message: `${column} is a string field without "categorical" or "textual", so training ignores it.`,
        fix: 'Mark it categorical (few distinct values) or textual (free text), or drop it.',
      };
    case 'users':
      return {
        message: `${column} is a string field without "categorical", so training ignores it (textual fields are for items only).`,
        fix: 'Mark it categorical, or drop it.',
      };
    case 'interactions': {
      if (isProductName(column)) {
        const role = TEXTUAL_NAMES.includes(normal(column)) ? 'textual' : 'categorical';
        return {
          message: `${column} describes the item, not the interaction: in an interactions file training ignores it. Item metadata belongs in the items file.`,
          fix: `Move ${column} to items.csv as a ${role} field (Fix into new files: tick items), or drop it from the interactions.`,
        };
      }
      return {
        message: `${column} is a string field without "categorical", so training ignores it (interactions take no textual fields).`,
        fix: 'Mark it categorical if it describes the event (device, channel, location), or drop it.',
      };
    }
    default:
      return datasetType satisfies never;
  }
}
