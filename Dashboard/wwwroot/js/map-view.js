// The region map: a geo component coloured through a map series, with city borders and station points on top.
// Live updates only replace series data, so the reader's zoom and pan survive.
import * as echarts from '../lib/echarts.esm.min.js';
import { chartFontSize, onBigScreenChange } from './chart-type.js';
import { escapeHtml } from './escape-html.js';
import { formatCount } from './format.js';
import { formatMeasure, labelOf } from './measures.js';
import { PressHold } from './press-hold.js';

const NO_DATA = '#3a4a5f';
const PALETTE = ['#173f6b', '#1f6fa8', '#2ea3c8', '#7fd1bd', '#eef79a'];
const TEXT = '#d6e2f0';
// Station symbol size range [smallest, largest] in pixels: a province has hundreds of stations, a county a few.
const STATION_SIZES = { province: [2, 9], city: [4, 14], county: [5, 18] };
// In pixels: the space around the map, the legend's distance from the chart's edge, and its colour bar's thickness.
const MARGIN = 12;
const LEGEND_INSET = 12;
const LEGEND_BAR = 20;
const measuring = document.createElement('canvas').getContext('2d');

export class MapView {
  #chart;
  #measure;
  #level;
  #regionNames = new Map();
  #unmatched = '';
  #hold;
  #legendText = [];

  constructor(element, { onRegionClick }) {
    this.#chart = echarts.init(element);
    this.#chart.on('click', params => {
      if (params.componentType === 'geo' || params.seriesId === 'regions') onRegionClick(params.name);
    });
    new ResizeObserver(() => {
      this.#chart.resize();
      if (this.#level) this.#update(this.#frame());
    }).observe(element);
    this.#hold = new PressHold(element);
    onBigScreenChange(() => this.#level && this.#update(this.#textSizes()));
  }

  // unmatched: what a region without an org of its own is, in its tooltip.
  show({ geometry, items, measure, scale, stations, unmatched = '无对应组织（行政区划代码已变更）' }) {
    this.#hold.drop();
    this.#unmatched = unmatched;
    this.#measure = measure;
    this.#level = geometry.level;
    this.#regionNames = new Map(geometry.regions.map(r => [r.code, r.name]));
    const labelled = geometry.level === 'city' || geometry.level === 'county';
    const legend = this.#visualMap(measure, scale);
    const frame = this.#frame();
    this.#chart.setOption({
      tooltip: { trigger: 'item', formatter: params => this.#tooltip(params), confine: true, textStyle: { fontSize: chartFontSize() + 2 } },
      geo: {
        map: geometry.mapName,
        nameProperty: 'code',
        roam: true,
        scaleLimit: { min: 0.8, max: 40 },
        ...frame.geo,
        itemStyle: { areaColor: NO_DATA, borderColor: '#0a1626', borderWidth: geometry.level === 'national' ? 0.8 : 0.4 },
        label: { show: labelled, color: TEXT, fontSize: chartFontSize(), formatter: params => this.#regionNames.get(params.name) ?? '' },
        // A label that appeared under the pointer between press and release would take the click from its region, so
        // hovering shows labels only where they are always shown; elsewhere the tooltip names the region.
        emphasis: {
          itemStyle: { areaColor: '#ffcf5c' },
          label: { show: labelled, color: '#0a1626', formatter: params => this.#regionNames.get(params.name) ?? '' },
        },
        select: { disabled: true },
        tooltip: { show: true },
      },
      visualMap: { ...legend, ...frame.visualMap },
      series: [
        // Regions without a value would otherwise take the palette colour; give them the no-data colour.
        // Named by code as the geo is: by default the series names regions by their 'name', and a region left without an
        // item of its own was labelled with its bare code.
        { id: 'regions', type: 'map', geoIndex: 0, nameProperty: 'code', itemStyle: { color: NO_DATA, areaColor: NO_DATA }, data: items },
        {
          id: 'borders',
          type: 'lines',
          coordinateSystem: 'geo',
          polyline: true,
          silent: true,
          lineStyle: { color: '#f4f8fc', width: 1.3, opacity: 0.85 },
          data: geometry.borders.map(coords => ({ coords })),
        },
        this.#stationSeries(stations),
      ],
    }, { notMerge: true });
  }

  updateItems(items) {
    this.#update({ series: [{ id: 'regions', data: items }] });
  }

  changeMeasure({ items, measure, scale }) {
    this.#measure = measure;
    const legend = this.#visualMap(measure, scale);
    const frame = this.#frame();
    this.#update({ geo: frame.geo, visualMap: { ...legend, ...frame.visualMap }, series: [{ id: 'regions', data: items }] });
  }

  showStations(stations) {
    this.#update({ series: [this.#stationSeries(stations)] });
  }

  clear() {
    this.#hold.drop();
    this.#level = null;
    this.#chart.clear();
  }

  // ECharts drops a click whose press spans any setOption: at 4 updates a second a quarter of clicks did nothing.
  #update(option) {
    this.#hold.run(() => this.#chart.setOption(option));
  }

  // Only sizes change, so the reader's zoom and pan stay; the legend's strip follows its text.
  #textSizes() {
    const fontSize = chartFontSize();
    const frame = this.#frame();
    return {
      geo: { ...frame.geo, label: { fontSize } },
      visualMap: { ...frame.visualMap, textStyle: { fontSize } },
      tooltip: { textStyle: { fontSize: fontSize + 2 } },
    };
  }

  #visualMap(measure, { min, max }) {
    this.#legendText = [formatMeasure(measure, max), formatMeasure(measure, min)];
    return {
      type: 'continuous',
      seriesIndex: 0,
      min,
      max,
      inRange: { color: PALETTE },
      text: this.#legendText,
      textStyle: { color: TEXT, fontSize: chartFontSize() },
      formatter: value => formatMeasure(measure, value),
      calculable: false,
      itemWidth: LEGEND_BAR,
      padding: 0,
      itemHeight: 120,
    };
  }

  // The legend gets a strip of its own, under a tall chart (a phone) and beside a wide one, so it never covers a region.
  #frame() {
    const fontSize = chartFontSize();
    if (this.#chart.getWidth() < this.#chart.getHeight()) {
      return {
        geo: { left: MARGIN, right: MARGIN, top: MARGIN, bottom: 2 * LEGEND_INSET + Math.max(LEGEND_BAR, fontSize) },
        visualMap: { orient: 'horizontal', left: 'center', bottom: LEGEND_INSET },
      };
    }
    measuring.font = `${fontSize}px sans-serif`;
    const textWidth = Math.max(...this.#legendText.map(text => measuring.measureText(text).width));
    return {
      geo: { left: 2 * LEGEND_INSET + Math.max(LEGEND_BAR, textWidth), right: MARGIN, top: MARGIN, bottom: MARGIN },
      visualMap: { orient: 'vertical', left: LEGEND_INSET, bottom: LEGEND_INSET },
    };
  }

  #stationSeries(stations) {
    const most = Math.max(1, ...stations.map(s => s.visits?.today ?? 0));
    const [smallest, largest] = STATION_SIZES[this.#level] ?? STATION_SIZES.city;
    return {
      id: 'stations',
      type: 'scatter',
      coordinateSystem: 'geo',
      symbolSize: value => smallest + (largest - smallest) * Math.sqrt(value[2] / most),
      itemStyle: { color: '#ff9f43', borderColor: '#fff', borderWidth: 0.5, opacity: 0.85 },
      emphasis: { scale: 1.6 },
      data: stations.map(s => ({ name: s.name, value: [s.lon, s.lat, s.visits?.today ?? 0], station: s })),
    };
  }

  #tooltip(params) {
    if (params.seriesId === 'stations') {
      const s = params.data.station;
      const tags = [s.open24h ? '24小时' : null, s.smart ? '智慧驿站' : null].filter(Boolean).join(' · ');
      const amenities = s.amenities?.length ? `<br>服务：${escapeHtml(s.amenities.join('、'))}` : '';
      return `<b>${escapeHtml(s.name)}</b>${tags ? `<br>${tags}` : ''}${amenities}<br>今日服务 ${formatCount(s.visits?.today)} 人次<br>近7日 ${formatCount(s.visits?.last7Days)} · 近30日 ${formatCount(s.visits?.last30Days)}`;
    }
    const item = params.data;
    const region = this.#regionNames.get(params.name) ?? params.name;
    if (!item?.orgCode) return `<b>${escapeHtml(region)}</b><br>${escapeHtml(this.#unmatched)}`;
    const title = item.orgName && item.orgName !== region ? `${escapeHtml(item.orgName)} · ${escapeHtml(region)}` : escapeHtml(region);
    return `<b>${title}</b><br>${this.#measure.label} ${formatMeasure(this.#measure, item.value)}<br>${labelOf('totals.members')} ${formatCount(item.members)}`;
  }
}
