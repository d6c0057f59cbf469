// Trend of the selected measure over the past year, from the timeseries endpoints: the org's own line, or a line per child
// to compare the next tier.
import * as echarts from '../lib/echarts.esm.min.js';
import { api } from './api.js';
import { chartFontSize, onBigScreenChange } from './chart-type.js';
import { chinaDate } from './format.js';
import { formatMeasure, labelOf } from './measures.js';

const DAY = 24 * 60 * 60 * 1000;

// More lines than this are a tangle, not a comparison.
export const MAX_COMPARED = 40;

// The trend has a point a week: a day's visits would show one day of each week, so visits are shown as the week's total.
const WEEKLY = { 'totals.stationVisits.today': 'totals.stationVisits.last7Days' };

const trendKeyOf = measure => WEEKLY[measure.key] ?? measure.key;

export const trendLabelOf = measure => labelOf(trendKeyOf(measure));

const hasValue = p => typeof p.value === 'number';

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

  // compare: a line per child instead of the org's own. quiet: the same view fetched again, redrawn without animation and
  // kept as it is when the fetch fails.
  async load(code, measure, compare = false, { quiet = false } = {}) {
    const request = ++this.#request;
    const now = new Date();
    const range = { measure: trendKeyOf(measure), from: chinaDate(new Date(now - 365 * DAY)), to: chinaDate(now), interval: 'week' };
    let lines = [];
    let failed = false;
    try {
      lines = compare
        ? (await api.childrenTimeseries(code, { ...range, limit: MAX_COMPARED })).children.map(c => ({ name: c.name, points: c.points.filter(hasValue) }))
        : [{ name: labelOf(trendKeyOf(measure)), points: ((await api.timeseries(code, range)).points ?? []).filter(hasValue) }];
    } catch {
      failed = true;
    }
    if (request !== this.#request || (quiet && failed)) return;
    // One week is a point, not a trend: a lone point draws no line, and the axis around it spans nonsense (30–110 %).
    lines = lines.filter(line => line.points.length > 0);
    const hasTrend = lines.some(line => line.points.length > 1);
    const lone = lines.length === 1 && lines[0].points.length === 1 ? lines[0].points[0] : null;
    this.#empty.textContent = failed ? '趋势加载失败，请稍后刷新页面'
      : compare ? '下级组织暂无满两周的趋势数据'
      : lone ? `目前只有 ${lone.date} 这一周的数据（${formatMeasure(measure, lone.value)}），满两周后显示趋势`
      : '暂无趋势数据';
    this.#empty.hidden = hasTrend;
    this.#element.hidden = !hasTrend;
    this.#element.classList.toggle('comparing', compare);
    if (!hasTrend) return;
    this.#chart.resize();
    const option = compare ? this.#comparison(lines, measure) : this.#own(lines[0], measure);
    this.#chart.setOption({ ...option, animation: !quiet }, { notMerge: true });
  }

  #own(line, measure) {
    return {
      ...this.#axes(line.points.map(p => p.date), measure, 16),
      tooltip: { trigger: 'axis', valueFormatter: value => formatMeasure(measure, value) },
      series: [{ type: 'line', name: line.name, data: line.points.map(p => p.value), showSymbol: false, smooth: true, lineStyle: { color: '#5cc8ff', width: 2 }, areaStyle: { color: 'rgba(92, 200, 255, 0.15)' } }],
    };
  }

  // Children may start reporting in different weeks, so every line is laid on the weeks of all of them.
  #comparison(lines, measure) {
    const dates = [...new Set(lines.flatMap(line => line.points.map(p => p.date)))].sort();
    return {
      ...this.#axes(dates, measure, 40),
      legend: { type: 'scroll', top: 0, textStyle: { color: '#9fb3c8', fontSize: chartFontSize() }, pageTextStyle: { color: '#9fb3c8' } },
      tooltip: { trigger: 'axis', order: 'valueDesc', confine: true, valueFormatter: value => formatMeasure(measure, value) },
      series: lines.map(line => {
        const values = new Map(line.points.map(p => [p.date, p.value]));
        return { type: 'line', name: line.name, data: dates.map(date => values.get(date) ?? null), showSymbol: false, connectNulls: true, lineStyle: { width: 1.5 } };
      }),
    };
  }

  #axes(dates, measure, top) {
    return {
      grid: { left: 8, right: 16, top, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: dates, axisLabel: { color: '#9fb3c8', fontSize: chartFontSize() }, axisLine: { lineStyle: { color: '#3a4a5f' } } },
      yAxis: { type: 'value', scale: true, axisLabel: { color: '#9fb3c8', fontSize: chartFontSize(), formatter: value => formatMeasure(measure, value) }, splitLine: { lineStyle: { color: '#22344b' } } },
    };
  }
}
