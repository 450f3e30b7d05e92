import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core.js';
import { useIsDarkMode } from '../../app/color-mode.js';
import { METRIC_COLUMNS, type EvaluatedSolution } from './metrics.js';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

/** ECharts option of the grouped bar chart: one group per metric, one bar per recipe. */
export function metricsChartOption(
  solutions: readonly EvaluatedSolution[],
  isDark = false,
  isReducedMotion = false,
) {
  const textColor = isDark ? '#d1d5db' : '#414d5c';
  return {
    // Bars grow in over ~1 s; users who ask for reduced motion (and screenshots) get them at once.
    animation: !isReducedMotion,
    backgroundColor: 'transparent',
    textStyle: { color: textColor },
    color: ['#688ae8', '#c33d69', '#2ea597', '#8456ce'],
    // richText draws the tooltip on the canvas: the HTML tooltip needs inline styles, which the
    // renderer's CSP (style-src 'self') refuses.
    tooltip: {
      trigger: 'axis',
      renderMode: 'richText',
      axisPointer: { type: 'shadow' },
      valueFormatter: (value: unknown) =>
        typeof value === 'number' ? value.toFixed(4) : String(value),
    },
    legend: { top: 0, textStyle: { color: textColor } },
    grid: { left: 48, right: 16, top: 40, bottom: 32 },
    xAxis: {
      type: 'category',
      data: METRIC_COLUMNS.map((column) => column.label),
      axisLabel: { color: textColor },
    },
    yAxis: {
      type: 'value',
      min: 0,
      axisLabel: { color: textColor },
      splitLine: { lineStyle: { color: isDark ? '#414d5c' : '#e9ebed' } },
    },
    series: solutions.map((solution) => ({
      name: solution.recipe,
      type: 'bar',
      data: METRIC_COLUMNS.map((column) => Number(solution.metrics[column.key].toFixed(4))),
    })),
  };
}

/** Grouped bar chart comparing the recipes on the 8 offline metrics. */
export function MetricsChart({ solutions }: { solutions: readonly EvaluatedSolution[] }) {
  const isDark = useIsDarkMode();
  const isReducedMotion =
    typeof window.matchMedia === 'function' &&
    window.matchMedia('(prefers-reduced-motion: reduce)').matches;
  return (
    <div
      role="img"
      aria-label={`Bar chart comparing ${solutions.map((s) => s.recipe).join(' and ')} on 8 metrics`}
      data-testid="metrics-chart"
    >
      <ReactEChartsCore
        echarts={echarts}
        option={metricsChartOption(solutions, isDark, isReducedMotion)}
        style={{ height: 320 }}
        notMerge
        lazyUpdate
      />
    </div>
  );
}
