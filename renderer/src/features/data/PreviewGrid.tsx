import 'ag-grid-community/styles/ag-grid.css';
import 'ag-grid-community/styles/ag-theme-quartz-no-font.css';
import 'ag-grid-community/styles/agGridQuartzFont.css';
import type { ColDef, TabToNextCellParams, TabToNextHeaderParams } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { useMemo } from 'react';
import { useIsDarkMode } from '../../app/color-mode.js';
import type { DataPreview } from '../../../../shared/ipc/contract.js';

type Row = Record<string, string | null>;

/**
 * Keyboard policy of the preview grids: each grid is a single tab stop. Tab (or Shift+Tab) on
 * a cell or a header leaves the grid (`false`: the browser moves focus on); the arrow keys move
 * inside it. Without this, every cell is a tab stop (hundreds of presses to get past a grid).
 */
export const SINGLE_TAB_STOP = {
  tabToNextCell: (_params: TabToNextCellParams<Row>): false => false,
  tabToNextHeader: (_params: TabToNextHeaderParams<Row>): false => false,
} as const;

/**
 * The first rows of a file in ag-grid (virtual scrolling, sortable, resizable columns), one
 * tab stop on the page (arrows move inside, see {@link SINGLE_TAB_STOP}).
 *
 * Uses the CSS-file theme (`theme="legacy"`): the Theming API injects `<style>` elements,
 * which the renderer's CSP (`style-src 'self'`) refuses.
 */
export function PreviewGrid({
  preview,
  datasetType,
}: {
  preview: DataPreview;
  datasetType: string;
}) {
  const isDark = useIsDarkMode();
  const columnDefs = useMemo<ColDef<Row>[]>(
    () =>
      preview.columns.map((column) => ({
        field: column.name,
        headerName: column.name,
        headerTooltip: `${column.name} (${column.type})`,
        sortable: true,
        resizable: true,
        minWidth: 110,
        flex: 1,
      })),
    [preview.columns],
  );
  return (
    <div
      className={isDark ? 'ag-theme-quartz-dark' : 'ag-theme-quartz'}
      role="region"
      aria-label={`First rows of the ${datasetType} file`}
      data-testid={`preview-grid-${datasetType}`}
      style={{ height: 320, width: '100%' }}
    >
      <AgGridReact<Row>
        theme="legacy"
        rowData={preview.rows}
        columnDefs={columnDefs}
        suppressFieldDotNotation
        animateRows={false}
        tabToNextCell={SINGLE_TAB_STOP.tabToNextCell}
        tabToNextHeader={SINGLE_TAB_STOP.tabToNextHeader}
      />
    </div>
  );
}
