import type { CustomCellRendererProps } from 'ag-grid-react';
import { ClampedText } from './ClampedText.js';

/** Characters of a grid cell shown before it is clamped (the cell cuts the rest at its width). */
export const CELL_CLAMP_LENGTH = 200;

/**
 * An ag-grid cell renderer for untrusted values (CSV cells): the value as text only, at most
 * {@link CELL_CLAMP_LENGTH} characters on one line with an ellipsis, and a "Show all" link that
 * opens the full value in a modal (see {@link ClampedText}, variant `'cell'`). A 100,000-character
 * cell puts 200 characters in the page, not 100,000. `null` (an empty cell) renders nothing.
 * Use as `cellRenderer` of a column definition.
 */
export function ClampedCell(props: Pick<CustomCellRendererProps, 'value' | 'colDef'>) {
  const value: unknown = props.value;
  if (value === null || value === undefined) return null;
  const text =
    typeof value === 'string'
      ? value
      : typeof value === 'number' || typeof value === 'boolean'
        ? String(value)
        : JSON.stringify(value);
  const column = props.colDef?.headerName ?? props.colDef?.field;
  return (
    <ClampedText
      text={text}
      maxLength={CELL_CLAMP_LENGTH}
      variant="cell"
      label={column === undefined ? 'Full value' : `Full value of ${column}`}
    />
  );
}
