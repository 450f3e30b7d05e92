import { BarChart, CustomChart } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TitleComponent,
  TooltipComponent,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core.js';
import { forwardRef } from 'react';
import { METRIC_LABELS, type MetricKey } from '../../../../shared/personalize.js';
import { useIsDarkMode } from '../../app/color-mode.js';
import { METRIC_COLUMNS, type DashboardRow } from './metrics.js';

echarts.use([
  BarChart,
  CustomChart,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TitleComponent,
  TooltipComponent,
  CanvasRenderer,
]);

const PALETTE = ['#688ae8', '#c33d69', '#2ea597', '#8456ce', '#e07941', '#3759ce', '#962249'];
const BASELINE_COLOR = '#8d99a8';

function isReducedMotion(): boolean {
  return (
    typeof window.matchMedia === 'function' &&
    window.matchMedia('(prefers-reduced-motion: reduce)').matches
  );
}

function axisColors(isDark: boolean) {
  return {
    text: isDark ? '#d1d5db' : '#414d5c',
    split: isDark ? '#414d5c' : '#e9ebed',
  };
}

/** ECharts option of the grouped bar chart: one group per metric, one bar per version. */
export function metricsChartOption(
  rows: readonly Pick<DashboardRow, 'label' | 'metrics' | 'isBaseline'>[],
  isDark = false,
  isAnimated = true,
) {
  const colors = axisColors(isDark);
  let next = 0;
  return {
    // Bars grow in over ~1 s; users who ask for reduced motion (and screenshots) get them at once.
    animation: isAnimated,
    backgroundColor: 'transparent',
    textStyle: { color: colors.text },
    // richText draws the tooltip on the canvas: the HTML tooltip needs inline styles, which the
    // renderer's CSP (style-src 'self') refuses.
    tooltip: {
      trigger: 'axis',
      renderMode: 'richText',
      axisPointer: { type: 'shadow' },
      valueFormatter: (value: unknown) =>
        typeof value === 'number' ? value.toFixed(4) : String(value),
    },
    legend: { top: 0, type: 'scroll', textStyle: { color: colors.text } },
    grid: { left: 48, right: 16, top: 40, bottom: 32 },
    xAxis: {
      type: 'category',
      data: METRIC_COLUMNS.map((column) => column.label),
      axisLabel: { color: colors.text },
    },
    yAxis: {
      type: 'value',
      min: 0,
      axisLabel: { color: colors.text },
      splitLine: { lineStyle: { color: colors.split } },
    },
    series: rows.map((row) => ({
      name: row.label,
      type: 'bar',
      itemStyle: { color: row.isBaseline ? BASELINE_COLOR : PALETTE[next++ % PALETTE.length] },
      data: METRIC_COLUMNS.map((column) => Number(row.metrics[column.key].toFixed(4))),
    })),
  };
}

/**
 * Top of the interval chart's value axis: a round number just above the highest of the bars and
 * of the whiskers' upper ends (ECharts sizes the axis from the bars only, which clipped whiskers),
 * at most 1 (every metric lies in [0, 1], SPEC §7.2); `undefined` when everything is 0.
 */
export function intervalAxisMax(values: readonly number[]): number | undefined {
  const highest = Math.max(0, ...values.filter((value) => Number.isFinite(value)));
  if (highest <= 0) return undefined;
  const step = 10 ** Math.floor(Math.log10(highest)) / 2;
  return Math.min(1, Number((Math.ceil((highest * 1.05) / step) * step).toFixed(10)));
}

/**
 * ECharts option of one metric across versions: a bar per version (the baseline grey), its 95%
 * interval as a whisker, and a dashed line at the baseline's value. The value axis reaches above
 * the highest whisker ({@link intervalAxisMax}).
 */
export function intervalChartOption(
  rows: readonly Pick<DashboardRow, 'label' | 'metrics' | 'isBaseline' | 'evaluation'>[],
  metric: MetricKey,
  isDark = false,
  isAnimated = true,
) {
  const colors = axisColors(isDark);
  const baseline = rows.find((row) => row.isBaseline);
  let next = 0;
  const barColors = rows.map((row) =>
    row.isBaseline ? BASELINE_COLOR : (PALETTE[next++ % PALETTE.length] ?? PALETTE[0]),
  );
  const intervals = rows.map((row, index) => {
    const interval = metric === 'coverage' ? undefined : row.evaluation?.metrics[metric];
    return interval === undefined
      ? [index, row.metrics[metric], row.metrics[metric]]
      : [index, interval.lower, interval.upper];
  });
  const axisMax = intervalAxisMax(intervals.flatMap((entry) => entry.slice(1)));
  return {
    animation: isAnimated,
    backgroundColor: isDark ? '#0f1b2a' : '#ffffff',
    textStyle: { color: colors.text },
    title: {
      text: `${METRIC_LABELS[metric]} per version, with 95% intervals over the test users`,
      left: 8,
      top: 4,
      textStyle: { color: colors.text, fontSize: 14 },
    },
    tooltip: {
      trigger: 'item',
      renderMode: 'richText',
      valueFormatter: (value: unknown) =>
        typeof value === 'number' ? value.toFixed(4) : String(value),
    },
    grid: { left: 56, right: 72, top: 48, bottom: 72 },
    xAxis: {
      type: 'category',
      data: rows.map((row) => row.label),
      axisLabel: { color: colors.text, interval: 0, rotate: rows.length > 4 ? 20 : 0 },
    },
    yAxis: {
      type: 'value',
      min: 0,
      ...(axisMax === undefined ? {} : { max: axisMax }),
      axisLabel: { color: colors.text },
      splitLine: { lineStyle: { color: colors.split } },
    },
    series: [
      {
        name: METRIC_LABELS[metric],
        type: 'bar',
        barMaxWidth: 64,
        data: rows.map((row, index) => ({
          value: Number(row.metrics[metric].toFixed(4)),
          itemStyle: { color: barColors[index] },
        })),
        label: {
          show: true,
          // At the foot of the bar, clear of the interval's whisker.
          position: 'insideBottom',
          color: '#ffffff',
          formatter: ({ value }: { value: number }) => value.toFixed(3),
        },
        ...(baseline === undefined
          ? {}
          : {
              markLine: {
                symbol: 'none',
                silent: true,
                lineStyle: { type: 'dashed', color: BASELINE_COLOR },
                label: { formatter: 'baseline', color: colors.text },
                data: [{ yAxis: Number(baseline.metrics[metric].toFixed(4)) }],
              },
            }),
      },
      {
        name: '95% interval',
        type: 'custom',
        data: intervals,
        z: 10,
        renderItem: (
          params: unknown,
          api: {
            value: (dimension: number) => number;
            coord: (point: [number, number]) => [number, number];
            size: (value: [number, number]) => [number, number];
          },
        ) => {
          const index = api.value(0);
          const low = api.coord([index, api.value(1)]);
          const high = api.coord([index, api.value(2)]);
          const half = api.size([1, 0])[0] * 0.12;
          const style = { stroke: colors.text, lineWidth: 1.5 };
          return {
            type: 'group',
            children: [
              { type: 'line', shape: { x1: low[0], y1: low[1], x2: high[0], y2: high[1] }, style },
              {
                type: 'line',
                shape: { x1: low[0] - half, y1: low[1], x2: low[0] + half, y2: low[1] },
                style,
              },
              {
                type: 'line',
                shape: { x1: high[0] - half, y1: high[1], x2: high[0] + half, y2: high[1] },
                style,
              },
            ],
          };
        },
      },
    ],
  };
}

/** Grouped bar chart comparing the versions on the 8 offline metrics. */
export function MetricsChart({ rows }: { rows: readonly DashboardRow[] }) {
  const isDark = useIsDarkMode();
  return (
    <div
      role="img"
      aria-label={`Bar chart comparing ${rows.map((row) => row.label).join(', ')} on 8 metrics`}
      data-testid="metrics-chart"
    >
      <ReactEChartsCore
        echarts={echarts}
        option={metricsChartOption(rows, isDark, !isReducedMotion())}
        style={{ height: 300 }}
        notMerge
        lazyUpdate
      />
    </div>
  );
}

/** One metric across versions with the 95% intervals; the ref gives the ECharts wrapper (for PNG export). */
export const IntervalChart = forwardRef<
  ReactEChartsCore,
  { rows: readonly DashboardRow[]; metric: MetricKey }
>(function IntervalChart({ rows, metric }, ref) {
  const isDark = useIsDarkMode();
  return (
    <div
      role="img"
      aria-label={`${METRIC_LABELS[metric]} of ${rows.length} versions with 95% intervals`}
      data-testid="interval-chart"
      data-metric={metric}
    >
      <ReactEChartsCore
        ref={ref}
        echarts={echarts}
        option={intervalChartOption(rows, metric, isDark, !isReducedMotion())}
        style={{ height: 340 }}
        notMerge
        lazyUpdate
      />
    </div>
  );
});
