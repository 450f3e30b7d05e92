import Alert from '@cloudscape-design/components/alert';
import Box from '@cloudscape-design/components/box';
import ColumnLayout from '@cloudscape-design/components/column-layout';
import Table from '@cloudscape-design/components/table';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core.js';
import type { DataProfile } from '../../../../shared/ipc/data.js';
import { useIsDarkMode } from '../../app/color-mode.js';
import { formatCount } from '../../app/steps.js';

echarts.use([
  BarChart,
  LineChart,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  CanvasRenderer,
]);

function isReducedMotion(): boolean {
  return (
    typeof window.matchMedia === 'function' &&
    window.matchMedia('(prefers-reduced-motion: reduce)').matches
  );
}

function baseOption(isDark: boolean) {
  const textColor = isDark ? '#d1d5db' : '#414d5c';
  return {
    animation: !isReducedMotion(),
    backgroundColor: 'transparent',
    textStyle: { color: textColor },
    color: ['#688ae8', '#c33d69', '#2ea597', '#8456ce'],
    // richText: the HTML tooltip needs inline styles, which the renderer's CSP refuses.
    tooltip: { trigger: 'axis', renderMode: 'richText' },
    grid: { left: 56, right: 16, top: 36, bottom: 40 },
    axisColor: textColor,
    split: { lineStyle: { color: isDark ? '#414d5c' : '#e9ebed' } },
  };
}

/**
 * ECharts option of the long-tail curve: interactions of the user / item at each percentile of
 * the ranking (most active first), log scale, one line per id column.
 */
export function longTailOption(profile: DataProfile, isDark = false) {
  const base = baseOption(isDark);
  const series = (
    [
      ['Users', profile.users],
      ['Items', profile.items],
    ] as const
  ).flatMap(([name, tail]) =>
    tail === undefined
      ? []
      : [
          {
            name: `${name} (${formatCount(tail.distinct)})`,
            type: 'line',
            showSymbol: false,
            data: tail.points.map((point) => [
              Number(((point.rank / tail.distinct) * 100).toFixed(2)),
              point.count,
            ]),
          },
        ],
  );
  return {
    animation: base.animation,
    backgroundColor: base.backgroundColor,
    textStyle: base.textStyle,
    color: base.color,
    tooltip: base.tooltip,
    grid: { ...base.grid, top: 52 },
    legend: { top: 0, right: 0, textStyle: base.textStyle },
    xAxis: {
      type: 'value',
      min: 0,
      max: 100,
      name: '% of ids, most active first',
      nameLocation: 'middle',
      nameGap: 26,
      axisLabel: { color: base.axisColor },
    },
    yAxis: {
      type: 'log',
      name: 'interactions',
      axisLabel: { color: base.axisColor },
      splitLine: base.split,
    },
    series,
  };
}

/** ECharts option of the event types (bar per type, row counts). */
export function eventTypesOption(profile: DataProfile, isDark = false) {
  const base = baseOption(isDark);
  const events = profile.eventTypes ?? [];
  return {
    animation: base.animation,
    backgroundColor: base.backgroundColor,
    textStyle: base.textStyle,
    color: base.color,
    tooltip: { ...base.tooltip, axisPointer: { type: 'shadow' } },
    grid: { ...base.grid, left: 110 },
    xAxis: { type: 'value', axisLabel: { color: base.axisColor }, splitLine: base.split },
    yAxis: {
      type: 'category',
      inverse: true,
      data: events.map((event) => event.value),
      axisLabel: { color: base.axisColor },
    },
    series: [{ name: 'rows', type: 'bar', data: events.map((event) => event.count) }],
  };
}

/** Label of a time bucket's start (UTC) for its width. */
export function bucketLabel(start: number, bucketSeconds: number): string {
  const iso = new Date(start * 1000).toISOString();
  if (bucketSeconds < 86_400) return `${iso.slice(0, 13)}:00`;
  if (bucketSeconds >= 365 * 86_400) return iso.slice(0, 4);
  if (bucketSeconds >= 30 * 86_400) return iso.slice(0, 7);
  return iso.slice(0, 10);
}

/** ECharts option of the histogram over time (equal buckets, UTC). */
export function timeOption(profile: DataProfile, isDark = false) {
  const base = baseOption(isDark);
  const time = profile.time;
  const buckets = time?.buckets ?? [];
  return {
    animation: base.animation,
    backgroundColor: base.backgroundColor,
    textStyle: base.textStyle,
    color: ['#2ea597'],
    tooltip: { ...base.tooltip, axisPointer: { type: 'shadow' } },
    grid: base.grid,
    xAxis: {
      type: 'category',
      data: buckets.map((bucket) => bucketLabel(bucket.start, time?.bucketSeconds ?? 86_400)),
      axisLabel: { color: base.axisColor },
    },
    yAxis: { type: 'value', axisLabel: { color: base.axisColor }, splitLine: base.split },
    series: [{ name: 'rows', type: 'bar', data: buckets.map((bucket) => bucket.count) }],
  };
}

function Chart({
  title,
  label,
  option,
  testId,
}: {
  title: string;
  label: string;
  option: object;
  testId: string;
}) {
  return (
    <div>
      <Box variant="h4">{title}</Box>
      <div role="img" aria-label={label} data-testid={testId}>
        <ReactEChartsCore
          echarts={echarts}
          option={option}
          style={{ height: 240 }}
          notMerge
          lazyUpdate
        />
      </div>
    </div>
  );
}

const WIDTHS: Readonly<Record<number, string>> = {
  3600: 'hour',
  86_400: 'day',
  604_800: 'week',
  2_592_000: '30 days',
  31_536_000: 'year',
};

/**
 * The profile of one file: the long tail of interactions per user and item, event types and the
 * histogram over time as charts (when the file has them), beside a table of every column
 * (empty cells, distinct values, longest value, range), all counted exactly but the distinct
 * counts flagged as estimates ("≈").
 */
export function ProfileCharts({
  profile,
  datasetType,
}: {
  profile: DataProfile;
  datasetType: string;
}) {
  const isDark = useIsDarkMode();
  const charts = [];
  if (profile.users !== undefined || profile.items !== undefined) {
    const parts = [profile.users, profile.items]
      .filter((tail) => tail !== undefined)
      .map(
        (tail) =>
          `${tail.column}: ${formatCount(tail.distinct)} ids, median ${tail.median}, most active ${formatCount(tail.max)}, ${formatCount(tail.single)} with one interaction`,
      );
    charts.push(
      <Chart
        key="tail"
        title="Interactions per user and per item (long tail)"
        label={`Long-tail curve. ${parts.join('. ')}.`}
        option={longTailOption(profile, isDark)}
        testId={`chart-long-tail-${datasetType}`}
      />,
    );
  }
  if (profile.eventTypes !== undefined && profile.eventTypes.length > 0) {
    charts.push(
      <Chart
        key="events"
        title={`Event types (${profile.eventTypes.length})`}
        label={`Event types: ${profile.eventTypes.map((event) => `${event.value} ${formatCount(event.count)}`).join(', ')}`}
        option={eventTypesOption(profile, isDark)}
        testId={`chart-event-types-${datasetType}`}
      />,
    );
  }
  if (profile.time !== undefined) {
    const time = profile.time;
    charts.push(
      <Chart
        key="time"
        title={`${time.column} over time (per ${WIDTHS[time.bucketSeconds] ?? `${time.bucketSeconds} s`}, UTC)`}
        label={`Histogram of ${time.column} from ${new Date(time.min * 1000).toISOString().slice(0, 10)} to ${new Date(time.max * 1000).toISOString().slice(0, 10)}`}
        option={timeOption(profile, isDark)}
        testId={`chart-time-${datasetType}`}
      />,
    );
  }
  return (
    <div data-testid={`profile-${datasetType}`}>
      {(profile.checks ?? []).map((check) => (
        // Nothing to chart: the file is empty or holds only its header.
        <Alert
          key={check.code ?? check.message}
          type={check.level}
          data-testid={`profile-check-${datasetType}`}
        >
          {check.message}
        </Alert>
      ))}
      {charts.length === 0 ? null : (
        <ColumnLayout columns={Math.min(3, charts.length)}>{charts}</ColumnLayout>
      )}
      <Table
        variant="embedded"
        header={<Box variant="h4">Columns ({profile.columns.length})</Box>}
        items={[...profile.columns]}
        trackBy="name"
        resizableColumns
        // One tab stop for the whole table (arrow keys move between cells and column resizers),
        // so Tab does not pass every resizer before the next control.
        enableKeyboardNavigation
        columnDefinitions={[
          { id: 'name', header: 'Column', cell: (column) => column.name, isRowHeader: true },
          { id: 'type', header: 'Read as', cell: (column) => column.type },
          {
            id: 'empty',
            header: 'Empty',
            cell: (column) =>
              column.nullCount === 0
                ? '0'
                : `${formatCount(column.nullCount)} (${((column.nullCount / Math.max(1, profile.rowCount)) * 100).toFixed(1)}%)`,
          },
          {
            id: 'distinct',
            header: 'Distinct',
            // An estimate is shown as one: "≈ 5,477".
            cell: (column) =>
              column.distinctApproximate === true ? (
                <span title="An estimate; the other counts are exact">
                  ≈ {formatCount(column.distinct)}
                </span>
              ) : (
                formatCount(column.distinct)
              ),
          },
          { id: 'length', header: 'Longest', cell: (column) => formatCount(column.maxLength) },
          {
            id: 'range',
            header: 'Range',
            cell: (column) =>
              column.min === undefined ? '—' : `${column.min} … ${column.max ?? ''}`,
          },
        ]}
      />
    </div>
  );
}
