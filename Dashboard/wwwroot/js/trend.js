// Trend line of the selected measure over the past year, from the timeseries endpoint.
import * as echarts from '../lib/echarts.esm.min.js';
import { api } from './api.js';
import { chartFontSize, onBigScreenChange } from './chart-type.js';
import { chinaDate } from './format.js';
import { formatMeasure, labelOf } from './measures.js';

const DAY = 24 * 60 * 60 * 1000;

// The trend has a point a week: a day's visits would show one day of each week, so visits are shown as the week's total.
const WEEKLY = { 'totals.stationVisits.today': 'totals.stationVisits.last7Days' };

const trendKeyOf = measure => WEEKLY[measure.key] ?? measure.key;

export const trendLabelOf = measure => labelOf(trendKeyOf(measure));

export class TrendChart {
  #chart;
  #element;
  #empty;
  #request = 0;

  constructor(element, empty) {
    this.#element = element;
    this.#empty = empty;
    this.#chart = echarts.init(element);
    new ResizeObserver(() => this.#chart.resize()).observe(element);
    onBigScreenChange(() => {
      if (this.#element.hidden) return;
      const axisLabel = { fontSize: chartFontSize() };
      this.#chart.setOption({ xAxis: { axisLabel }, yAxis: { axisLabel } });
    });
  }

  async load(code, measure) {
    const request = ++this.#request;
    const now = new Date();
    let points = [];
    let failed = false;
    try {
      const series = await api.timeseries(code, { measure: trendKeyOf(measure), from: chinaDate(new Date(now - 365 * DAY)), to: chinaDate(now), interval: 'week' });
      points = (series.points ?? []).filter(p => typeof p.value === 'number');
    } catch {
      failed = true;
    }
    if (request !== this.#request) return;
    // One week is a point, not a trend: a lone point draws no line, and the axis around it spans nonsense (30–110 %).
    const hasTrend = points.length > 1;
    this.#empty.textContent = failed ? '趋势加载失败，请稍后刷新页面'
      : points.length === 1 ? `目前只有 ${points[0].date} 这一周的数据（${formatMeasure(measure, points[0].value)}），满两周后显示趋势`
      : '暂无趋势数据';
    this.#empty.hidden = hasTrend;
    this.#element.hidden = !hasTrend;
    if (!hasTrend) return;
    this.#chart.resize();
    this.#chart.setOption({
      grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', valueFormatter: value => formatMeasure(measure, value) },
      xAxis: { type: 'category', data: points.map(p => p.date), axisLabel: { color: '#9fb3c8', fontSize: chartFontSize() }, axisLine: { lineStyle: { color: '#3a4a5f' } } },
      yAxis: { type: 'value', scale: true, axisLabel: { color: '#9fb3c8', fontSize: chartFontSize(), formatter: value => formatMeasure(measure, value) }, splitLine: { lineStyle: { color: '#22344b' } } },
      series: [{ type: 'line', data: points.map(p => p.value), showSymbol: false, smooth: true, lineStyle: { color: '#5cc8ff', width: 2 }, areaStyle: { color: 'rgba(92, 200, 255, 0.15)' } }],
    }, { notMerge: true });
  }
}
