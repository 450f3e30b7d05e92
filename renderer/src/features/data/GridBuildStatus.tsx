import { StatusIndicator } from '../../components/StatusIndicator.js';
import { useEffect, useState } from 'react';
import type { ChannelInput, ChannelOutput } from '../../../../shared/ipc/contract.js';
import { invoke } from '../../api/client.js';

/** A grid page request that has not answered yet (what its status is asked for). */
export type PendingRows = ChannelInput<'data.rows'>;

type RowsStatus = ChannelOutput<'data.rowsStatus'>;

/** How long a page may take before the grid says what it waits for (ms). */
export const STATUS_DELAY_MS = 300;

/** How often the status is asked again while a page waits (ms). */
export const STATUS_INTERVAL_MS = 500;

const count = (value: number): string => value.toLocaleString('en-US');

/**
 * The sentence the grid shows while a page waits: which build it waits for, on how many rows,
 * and DuckDB's percent when known; `undefined` when nothing is being built. While the file's
 * table is built, an unsorted, unfiltered page does not wait for it (it is read from the file):
 * the sentence names its rows and how far the table got.
 */
export function buildStatusText(
  status: RowsStatus,
  request: PendingRows,
  rowCount?: number,
): string | undefined {
  if (status.building === 'none') return undefined;
  const percent = status.percent === undefined ? '' : ` ${Math.floor(status.percent)} %`;
  const rows = rowCount === undefined ? 'all rows' : `all ${count(rowCount)} rows`;
  const filtered = (request.filters ?? []).length > 0;
  if (status.building === 'table') {
    if ((request.sort ?? []).length > 0 || filtered)
      return `Reading ${rows} of the file for sorting and filtering (once per file version)…${percent}`;
    const last =
      rowCount === undefined
        ? request.offset + request.limit
        : Math.min(rowCount, request.offset + request.limit);
    const done = status.percent === undefined ? '' : `, ${Math.floor(status.percent)} % done`;
    return `Loading rows ${count(request.offset + 1)}–${count(last)} from the file while ${rows} are read for sorting and filtering (once per file version${done})…`;
  }
  const sort = (request.sort ?? [])
    .map((entry) => `${entry.column} (${entry.direction === 'desc' ? 'descending' : 'ascending'})`)
    .join(', then ');
  const action =
    sort === ''
      ? `Filtering ${rows}`
      : `${filtered ? 'Filtering and sorting' : 'Sorting'} ${rows} by ${sort}`;
  return `${action}: building the view once, its next pages come at once…${percent}`;
}

/**
 * A status line over the grid while a page waits longer than {@link STATUS_DELAY_MS}: for the
 * file's table, for the view of a new sort or filter, or, during the table's build, for its rows
 * read from the file (`data.rowsStatus`, asked every
 * {@link STATUS_INTERVAL_MS} while the page waits and never after). Announced politely to
 * screen readers.
 */
export function GridBuildStatus({
  request,
  rowCount,
}: {
  /** The page the grid waits for; undefined when every page has answered. */
  request: PendingRows | undefined;
  /** The file's rows when counted. */
  rowCount?: number;
}) {
  const [status, setStatus] = useState<RowsStatus>();
  useEffect(() => {
    setStatus(undefined);
    if (request === undefined) return undefined;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const ask = (): void => {
      invoke('data.rowsStatus', {
        path: request.path,
        sort: request.sort ?? [],
        filters: request.filters ?? [],
        ...(request.encoding === undefined ? {} : { encoding: request.encoding }),
      }).then(
        (next) => {
          if (stopped) return;
          setStatus(next);
          timer = setTimeout(ask, STATUS_INTERVAL_MS);
        },
        () => undefined,
      );
    };
    timer = setTimeout(ask, STATUS_DELAY_MS);
    return () => {
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [request]);
  const text =
    request === undefined || status === undefined
      ? undefined
      : buildStatusText(status, request, rowCount);
  return (
    <div
      role="status"
      aria-live="polite"
      data-testid="grid-build-status"
      // Always in the page (a live region must exist before its text changes); empty, it has no size.
      style={{
        position: 'absolute',
        left: 8,
        right: 8,
        bottom: 8,
        zIndex: 5,
        ...(text === undefined
          ? {}
          : {
              padding: '6px 10px',
              background: 'var(--ag-background-color)',
              border: '1px solid var(--ag-border-color)',
              borderRadius: 6,
            }),
      }}
    >
      {text === undefined ? null : <StatusIndicator type="loading">{text}</StatusIndicator>}
    </div>
  );
}
