import 'ag-grid-community/styles/ag-grid.css';
import 'ag-grid-community/styles/ag-theme-quartz-no-font.css';
import 'ag-grid-community/styles/agGridQuartzFont.css';
import type {
  ColDef,
  GridApi,
  IDatasource,
  IGetRowsParams,
  TabToNextCellParams,
  TabToNextHeaderParams,
} from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import Box from '@cloudscape-design/components/box';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { ChannelInput } from '../../../../shared/ipc/contract.js';
import type { EncodingChoice } from '../../../../shared/ipc/data.js';
import { invoke } from '../../api/client.js';
import { ClampedCell } from '../../components/ClampedCell.js';
import { useIsDarkMode } from '../../app/color-mode.js';
import { GridBuildStatus } from './GridBuildStatus.js';

type Row = Record<string, string | null>;

/** Rows the grid asks for per request (one block of the infinite row model). */
export const GRID_BLOCK_SIZE = 200;

/**
 * Keyboard policy of the preview grids: each grid is a single tab stop. Tab (or Shift+Tab) on
 * a cell or a header leaves the grid (`false`: the browser moves focus on); the arrow keys move
 * inside it. Without this, every cell is a tab stop (hundreds of presses to get past a grid).
 */
export const SINGLE_TAB_STOP = {
  tabToNextCell: (_params: TabToNextCellParams<Row>): false => false,
  tabToNextHeader: (_params: TabToNextHeaderParams<Row>): false => false,
} as const;

type RowsInput = ChannelInput<'data.rows'>;
type Filter = NonNullable<RowsInput['filters']>[number];

interface AgFilterCondition {
  readonly filterType?: string;
  readonly type?: string;
  readonly filter?: string | number | null;
  readonly filterTo?: number | null;
  readonly operator?: string;
  readonly conditions?: readonly AgFilterCondition[];
}

/**
 * ag-grid's filter model as the `data.rows` filters (a column's two conditions joined by AND
 * are both kept; OR keeps the first, the rest would need a disjunction the channel does not have).
 */
export function toRowFilters(model: Record<string, AgFilterCondition>): Filter[] {
  const out: Filter[] = [];
  for (const [column, entry] of Object.entries(model)) {
    const conditions =
      entry.conditions === undefined
        ? [entry]
        : entry.operator === 'OR'
          ? entry.conditions.slice(0, 1)
          : entry.conditions;
    for (const condition of conditions) {
      const type = (condition.type ?? 'contains') as Filter['type'];
      const value = condition.filter;
      out.push({
        column,
        type,
        ...(value === null || value === undefined ? {} : { value }),
        ...(typeof condition.filterTo === 'number' ? { valueTo: condition.filterTo } : {}),
      });
    }
  }
  return out;
}

/**
 * The line over the grid while a filter is set: how many rows of the file match it (the filtered
 * view's count), out of the file's rows when counted; `undefined` without a filter.
 */
export function filteredCountText(matched: number | undefined, total?: number): string | undefined {
  if (matched === undefined) return undefined;
  const count = (value: number): string => value.toLocaleString('en-US');
  const verb = matched === 1 ? 'matches' : 'match';
  return total === undefined
    ? `${count(matched)} ${matched === 1 ? 'row' : 'rows'} ${verb} the filter.`
    : `${count(matched)} of ${count(total)} ${total === 1 ? 'row' : 'rows'} ${verb} the filter.`;
}

/**
 * The grid's datasource: every block is a `data.rows` page sorted and filtered in SQL.
 * `onPending` hears the latest request still waiting each time one starts or answers
 * (`undefined` once all have answered), for {@link GridBuildStatus}. `onFilteredCount` hears,
 * with each answered page, its count of matching rows when a filter is set (`undefined` when
 * no filter is set).
 */
export function rowsDatasource(
  path: string,
  onError?: (error: unknown) => void,
  encoding?: EncodingChoice,
  /** The whole file's row count when counted, for pages that come without one. */
  knownRowCount?: () => number | undefined,
  onPending?: (request: RowsInput | undefined) => void,
  onFilteredCount?: (matched: number | undefined) => void,
): IDatasource {
  const pending: RowsInput[] = [];
  const settle = (input: RowsInput): void => {
    pending.splice(pending.indexOf(input), 1);
    onPending?.(pending.at(-1));
  };
  return {
    getRows: (params: IGetRowsParams) => {
      const input: RowsInput = {
        path,
        offset: params.startRow,
        limit: Math.min(1000, Math.max(1, params.endRow - params.startRow)),
        sort: params.sortModel.map((entry) => ({ column: entry.colId, direction: entry.sort })),
        filters: toRowFilters(params.filterModel as Record<string, AgFilterCondition>),
        ...(encoding === undefined ? {} : { encoding }),
      };
      pending.push(input);
      onPending?.(input);
      invoke('data.rows', input).then(
        (page) => {
          settle(input);
          if ((input.filters ?? []).length === 0) onFilteredCount?.(undefined);
          else if (page.rowCount !== undefined) onFilteredCount?.(page.rowCount);
          params.successCallback(
            page.rows,
            // Only unsorted, unfiltered pages of the file come without a count.
            page.rowCount ?? knownRowCount?.() ?? -1,
          );
        },
        (error: unknown) => {
          settle(input);
          onError?.(error);
          params.failCallback();
        },
      );
    },
  };
}

const NUMERIC =
  /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|FLOAT|DOUBLE|DECIMAL.*)$/iu;

/**
 * The whole file in ag-grid's infinite row model: rows are fetched in blocks as the user
 * scrolls, and sorting and filtering (text or number filters per column) run as SQL over the
 * whole file (`data.rows`), never over the rows on screen. While a page waits (its rows read
 * from the file during the build of the file's table, the table for a sort, or a new sort's
 * view), a status line over the grid says so ({@link GridBuildStatus}). One tab stop on the
 * page (arrows move inside, see {@link SINGLE_TAB_STOP}).
 *
 * Uses the CSS-file theme (`theme="legacy"`): the Theming API injects `<style>` elements,
 * which the renderer's CSP (`style-src 'self'`) refuses.
 */
export function PreviewGrid({
  path,
  columns,
  datasetType,
  onError,
  encoding,
  rowCount,
}: {
  path: string;
  /**
   * The file's row count once counted. Pages read before the grid table is built carry no
   * count, so without it the grid would not know its last row (Ctrl+End, the scroll bar).
   */
  rowCount?: number;
  /** Read the file with this encoding instead of the detected one. */
  encoding?: EncodingChoice;
  columns: readonly { readonly name: string; readonly type: string }[];
  datasetType: string;
  onError?: (error: unknown) => void;
}) {
  const isDark = useIsDarkMode();
  const columnDefs = useMemo<ColDef<Row>[]>(
    () =>
      columns.map((column) => ({
        field: column.name,
        colId: column.name,
        headerName: column.name,
        headerTooltip: `${column.name} (${column.type})`,
        sortable: true,
        resizable: true,
        filter: NUMERIC.test(column.type) ? 'agNumberColumnFilter' : 'agTextColumnFilter',
        filterParams: { maxNumConditions: 1, debounceMs: 300 },
        minWidth: 110,
        flex: 1,
        // Untrusted cells: text only, long values clamped with the full value on demand.
        cellRenderer: ClampedCell,
      })),
    [columns],
  );
  const knownCount = useRef(rowCount);
  knownCount.current = rowCount;
  const [pending, setPending] = useState<RowsInput>();
  const [matched, setMatched] = useState<number>();
  const datasource = useMemo(
    () => rowsDatasource(path, onError, encoding, () => knownCount.current, setPending, setMatched),
    [path, onError, encoding],
  );
  const filtered = filteredCountText(matched, rowCount);
  const [api, setApi] = useState<GridApi<Row>>();
  useEffect(() => {
    // Only the unfiltered file has this count; a filtered page brings its own.
    if (api === undefined || rowCount === undefined || api.isDestroyed()) return;
    if (api.isAnyFilterPresent() || api.isLastRowIndexKnown() === true) return;
    api.setRowCount(rowCount, true);
  }, [api, rowCount, datasource]);
  return (
    <>
      <div aria-live="polite" data-testid={`grid-filter-count-${datasetType}`}>
        {filtered === undefined ? null : <Box variant="small">{filtered}</Box>}
      </div>
      <div
        className={isDark ? 'ag-theme-quartz-dark' : 'ag-theme-quartz'}
        role="region"
        aria-label={`Rows of the ${datasetType} file`}
        data-testid={`preview-grid-${datasetType}`}
        style={{ height: 360, width: '100%', position: 'relative' }}
      >
        <GridBuildStatus request={pending} {...(rowCount === undefined ? {} : { rowCount })} />
        <AgGridReact<Row>
          theme="legacy"
          rowModelType="infinite"
          datasource={datasource}
          onGridReady={(event) => setApi(event.api)}
          cacheBlockSize={GRID_BLOCK_SIZE}
          maxBlocksInCache={50}
          infiniteInitialRowCount={GRID_BLOCK_SIZE}
          columnDefs={columnDefs}
          suppressFieldDotNotation
          animateRows={false}
          tabToNextCell={SINGLE_TAB_STOP.tabToNextCell}
          tabToNextHeader={SINGLE_TAB_STOP.tabToNextHeader}
        />
      </div>
    </>
  );
}
