// The dashboard for one org at a time: loads its summary, children, map, trend and stations, and applies
// live updates in place. Figures count as live only when fetched after the current subscription was made.
import { api, ApiError } from './api.js';
import { renderTargets } from './attainment.js';
import { renderBreadcrumb } from './breadcrumb.js';
import { FiguresPanel } from './figures.js';
import { formatStamp } from './format.js';
import { geometryFor } from './geometry.js';
import { Later } from './later.js';
import { colourScale, coverage, drillTarget, regionItems } from './map-data.js';
import { MapView } from './map-view.js';
import { measureOf } from './measures.js';
import { RankingTable } from './ranking.js';
import { LEVEL_LABELS } from './org-labels.js';
import { NATIONAL, routeHref } from './route.js';
import { loadStations } from './stations.js';
import { MAX_COMPARED, TrendChart, trendLabelOf } from './trend.js';

const CHILD_LEVEL_LABELS = { province: '省（区、市）', city: '市（地、州、盟）', county: '县（市、区）', grassroots: '基层工会' };
// The API's title for a 404 naming an org that was deregistered, as opposed to a code that never was.
const DEREGISTERED = 'Deregistered org';
const ERROR_MESSAGES = { 403: '当前访问密钥无权查看该组织，请用“查找组织”打开本单位或其下级', 404: '未找到该组织，请检查地址中的组织代码，或用“查找组织”按名称查找' };

const titleOf = org => `${org.name} · 工会覆盖实时看板`;

// A county registering its units one by one is news several times a second; one fetch of its children covers a second's worth.
const TREE_REFETCH_DELAY = 1000;

// Stations registered or closed below the view reach its map this long after the news; a province's list is thousands long,
// so their sizes (today's visits) are fetched again at most once a minute.
const STATION_REFETCH_DELAY = 2000;
const STATION_SIZES_EVERY = 60_000;

// The trend's latest point follows pushed figures, fetched again at most this often: every open screen costs a series query.
const TREND_EVERY = 60_000;

// Past midnight by this much, so the server's day has turned too.
const MIDNIGHT_MARGIN = 2000;

export class Dashboard {
  #live;
  #status;
  #onUnauthorized;
  #map;
  #figures;
  #ranking;
  #trend;
  #compareChildren = false;
  #ticket = 0;
  #refetches = 0;
  #loading = Promise.resolve();
  #pending = null;
  #code = null;
  #measure = measureOf();
  #org = null;
  #children = new Map();
  #geometry = null;
  #mapOrg = null;
  #names = new Map();
  #fetchedUnder = null;
  #treeRefetch = new Later(() => this.#refetch({ always: true }));
  #stationRefetch = new Later(() => this.#refreshStations());
  #trendRefetch = new Later(() => this.#loadTrend({ quiet: true }));
  #trendLoadedAt = 0;
  #stationsFetchedAt = 0;

  constructor({ live, status, onUnauthorized }) {
    this.#live = live;
    this.#status = status;
    this.#onUnauthorized = onUnauthorized;
    this.#map = new MapView(document.getElementById('map'), { onRegionClick: code => this.#drill(code) });
    this.#figures = new FiguresPanel(document.getElementById('figures'));
    this.#ranking = new RankingTable(document.getElementById('ranking'), document.getElementById('ranking-note'));
    this.#trend = new TrendChart(document.getElementById('trend'), document.getElementById('trend-empty'));
    document.getElementById('trend-scope').addEventListener('click', event => {
      const button = event.target.closest('button[data-compare]');
      if (!button) return;
      this.#compareChildren = button.dataset.compare === 'true';
      this.#loadTrend();
    });
    document.getElementById('show-stations').addEventListener('change', () => this.#refreshStations());

    live.addEventListener('updated', event => this.#apply(event.detail));
    live.addEventListener('resynced', () => this.#refetch());
    live.addEventListener('treeChanged', event => this.#treeChanged(event.detail));
    live.addEventListener('state', () => this.#setLive(false));
    this.#refetchAfterMidnight();
  }

  // The org on screen, or its set of children, changed: fetched again once the news has settled for a moment.
  #treeChanged(codes) {
    if (codes.includes(this.#code)) this.#treeRefetch.ask(TREE_REFETCH_DELAY);
  }

  // Today's figures start again at midnight China time, when nothing may be pushed for hours: fetch the view again then,
  // and once more a minute later in case this screen's clock runs ahead of the server's.
  #refetchAfterMidnight() {
    const day = 86_400_000;
    const china = 8 * 3_600_000;
    const untilMidnight = day - ((Date.now() + china) % day);
    setTimeout(() => this.refresh(), untilMidnight + MIDNIGHT_MARGIN);
    setTimeout(() => {
      this.refresh();
      this.#refetchAfterMidnight();
    }, untilMidnight + MIDNIGHT_MARGIN + 60_000);
  }

  // The view and its trend fetched again, for news nothing pushes: a new day, a past written all at once.
  refresh() {
    this.#refetch({ always: true });
    if (this.#org) this.#loadTrend();
  }

  show({ code, measure }) {
    const measureChanged = measure !== this.#measure.key;
    this.#measure = measureOf(measure);
    if (code === this.#code && this.#org) {
      if (measureChanged) this.#showMeasure();
      return this.#loading;
    }
    this.#loading = this.#load(code);
    return this.#loading;
  }

  async #load(code) {
    const ticket = ++this.#ticket;
    this.#code = code;
    this.#org = null;
    this.#pending = [];
    this.#setLive(false);
    try {
      await this.#live.follow(code).catch(() => {});
      const following = this.#live.isFollowing;
      const subscription = this.#live.subscription;
      const [org, children] = await Promise.all([api.org(code), api.children(code)]);
      const chain = await this.#ancestors(org);
      const { geometry, mapOrg } = await this.#geometryFor(chain);
      if (ticket !== this.#ticket) return;
      this.#org = org;
      this.#fetchedUnder = subscription;
      this.#children = new Map(children.map(c => [c.code, c]));
      this.#geometry = geometry;
      this.#mapOrg = mapOrg;

      document.title = titleOf(org);
      renderBreadcrumb(document.getElementById('breadcrumb'), chain, this.#measure.key);
      this.#renderOrg();
      this.#ranking.show(children, this.#measure);
      this.#renderMap();
      this.#loadTrend();
      this.#applyPending();
      this.#refreshStations();
      this.#status.touched();
      this.#showError(null);
      this.#setLive(following && this.#live.isFollowing);
    } catch (error) {
      if (ticket !== this.#ticket) return;
      this.#pending = null;
      this.#showError(error);
    }
  }

  #showMeasure() {
    renderBreadcrumb(document.getElementById('breadcrumb'), this.#chainFromNames(), this.#measure.key);
    this.#ranking.show([...this.#children.values()], this.#measure);
    if (this.#geometry) {
      const items = this.#items();
      this.#map.changeMeasure({ items, measure: this.#measure, scale: colourScale(items, this.#measure) });
    }
    this.#loadTrend();
  }

  // Children are compared when asked and when there are a few; the choice stays while the leader drills down.
  #loadTrend({ quiet = false } = {}) {
    this.#trendRefetch.cancel();
    this.#trendLoadedAt = Date.now();
    const comparable = this.#children.size >= 2 && this.#children.size <= MAX_COMPARED;
    const compare = comparable && this.#compareChildren;
    const scope = document.getElementById('trend-scope');
    scope.hidden = !comparable;
    for (const button of scope.querySelectorAll('button')) button.setAttribute('aria-pressed', String(button.dataset.compare === String(compare)));
    document.getElementById('trend-title').textContent = `${trendLabelOf(this.#measure)} · ${compare ? '下级' : ''}近一年趋势（每周）`;
    this.#trend.load(this.#code, this.#measure, compare, { quiet });
  }

  #trendChanged() {
    this.#trendRefetch.ask(Math.max(0, this.#trendLoadedAt + TREND_EVERY - Date.now()));
  }

  #renderMap() {
    const note = document.getElementById('map-note');
    if (!this.#geometry) {
      this.#map.clear();
      note.textContent = '该组织暂无地图边界';
      return;
    }
    const items = this.#items();
    this.#map.show({ geometry: this.#geometry, items, measure: this.#measure, scale: colourScale(items, this.#measure), stations: [],
      ...(this.#mapIsOwn() ? {} : { unmatched: `${this.#org.name}所在区域` }) });
    if (!this.#mapIsOwn()) {
      note.textContent = `该组织无独立边界，显示所属区域：${this.#mapOrg.name}`;
      return;
    }
    const { unmatchedRegions, childrenWithoutShape } = coverage(this.#geometry, { children: this.#children });
    note.textContent = [
      unmatchedRegions ? `${unmatchedRegions} 个区域无对应组织（灰色）` : '',
      childrenWithoutShape ? `${childrenWithoutShape} 个下级组织无地图边界，见排名表` : '',
    ].filter(Boolean).join('；');
  }

  #mapIsOwn() {
    return this.#mapOrg?.code === this.#org?.code;
  }

  #items() {
    return this.#mapIsOwn() ? regionItems(this.#geometry, { org: this.#org, children: this.#children }, this.#measure) : [];
  }

  #renderOrg() {
    const org = this.#org;
    document.getElementById('org-name').textContent = `${org.name}（${LEVEL_LABELS[org.level] ?? org.level}）`;
    this.#figures.render(org);
    renderTargets(document.getElementById('org-targets'), org.attainment);
    document.getElementById('data-time').textContent = `数据更新于 ${formatStamp(org.updatedAt)} · 版本 ${org.version}`;
    const childLevel = this.#children.values().next().value?.level;
    document.getElementById('ranking-title').textContent = `下级排名 · ${CHILD_LEVEL_LABELS[childLevel] ?? '下级组织'}（${this.#children.size}）`;
  }

  // Pushed summaries: the org itself and/or its children. Older versions never overwrite newer ones.
  #apply(summaries) {
    this.#pending?.push(...summaries);
    if (!this.#org) return;
    let orgChanged = false;
    const changedChildren = [];
    for (const summary of summaries) {
      if (summary.code === this.#org.code && summary.version >= this.#org.version) {
        this.#stationsChanged(this.#org, summary);
        this.#org = summary;
        orgChanged = true;
      } else if (this.#children.get(summary.code)?.version <= summary.version) {
        this.#children.set(summary.code, summary);
        changedChildren.push(summary.code);
      }
    }
    if (orgChanged) this.#renderOrg();
    if (changedChildren.length) this.#ranking.update([...this.#children.values()], changedChildren);
    if (this.#geometry && (changedChildren.length || orgChanged)) this.#map.updateItems(this.#items());
    if (orgChanged || changedChildren.length) {
      this.#status.touched();
      this.#trendChanged();
    }
  }

  // Pushes that arrived while a fetch was under way may be newer than what it returned.
  #applyPending() {
    const pending = this.#pending ?? [];
    this.#pending = null;
    if (pending.length) this.#apply(pending);
  }

  // After a (re)subscription: fetch again, since updates may have been missed while not subscribed; not when the view was
  // fetched under this very subscription.
  async #refetch({ always = false } = {}) {
    await this.#loading;
    const code = this.#code;
    if (!code) return;
    if (!always && this.#org && this.#fetchedUnder !== null && this.#fetchedUnder === this.#live.subscription) return;
    if (!this.#org) {
      // The first load of this view failed (e.g. the server was down): load it whole now.
      this.#loading = this.#load(code);
      await this.#loading;
      return;
    }
    const ticket = this.#ticket;
    // Answers can come out of order: only the latest fetch's is applied, as it is at least as new as any before it.
    const refetch = ++this.#refetches;
    const outdated = () => ticket !== this.#ticket || refetch !== this.#refetches;
    this.#pending = [];
    try {
      const subscription = this.#live.subscription;
      const [org, children] = await Promise.all([api.org(code), api.children(code)]);
      if (outdated()) return;
      this.#fetchedUnder = subscription;
      // Children registered, deregistered or renamed meanwhile redraw the ranking, the map and a comparison of trends.
      const sameChildren = children.length === this.#children.size && children.every(c => this.#children.get(c.code)?.name === c.name);
      this.#children = new Map(children.map(c => [c.code, c]));
      if (org.name !== this.#org.name) this.#renamed(org);
      this.#org = org;
      this.#renderOrg();
      if (sameChildren) {
        this.#ranking.update(children, []);
        if (this.#geometry) this.#map.updateItems(this.#items());
      } else {
        this.#ranking.show(children, this.#measure);
        this.#renderMap();
        this.#loadTrend();
      }
      this.#applyPending();
      this.#refreshStations();
      this.#status.touched();
      this.#showError(null);
      this.#setLive(this.#live.isFollowing);
    } catch (error) {
      if (outdated()) return;
      this.#pending = null;
      this.#showError(error);
    }
  }

  #stationsChanged(before, after) {
    const count = before.totals?.stations !== after.totals?.stations;
    const sizes = before.totals?.stationVisits?.today !== after.totals?.stationVisits?.today
      && Date.now() - this.#stationsFetchedAt >= STATION_SIZES_EVERY;
    if (count || sizes) this.#stationRefetch.ask(STATION_REFETCH_DELAY);
  }

  async #refreshStations() {
    const ticket = this.#ticket;
    const shown = document.getElementById('show-stations').checked;
    if (!this.#geometry || !shown || this.#org?.level === 'national') {
      if (this.#geometry) this.#map.showStations([]);
      document.getElementById('stations-note').textContent = '';
      return;
    }
    this.#stationsFetchedAt = Date.now();
    const stations = await loadStations(this.#code);
    if (ticket !== this.#ticket || !this.#geometry) return;
    this.#map.showStations(stations?.items ?? []);
    document.getElementById('stations-note').textContent = stations == null ? '驿站数据暂不可用'
      : stations.total > stations.items.length ? `显示 ${stations.items.length} / ${stations.total} 个驿站` : `${stations.total} 个驿站`;
  }

  #drill(regionCode) {
    if (!this.#geometry || !this.#mapIsOwn()) return;
    const target = drillTarget(this.#geometry, regionCode, { children: this.#children });
    if (target) location.hash = routeHref({ code: target, measure: this.#measure.key });
  }

  // Parents above the reader's key scope cannot be read; the breadcrumb then starts below them.
  async #ancestors(org) {
    const chain = [org];
    this.#names.set(org.code, org);
    for (let code = org.parentCode; code; ) {
      const parent = this.#names.get(code) ?? await api.org(code).catch(() => null);
      if (!parent) break;
      this.#names.set(code, parent);
      chain.unshift(parent);
      code = parent.parentCode;
    }
    return chain;
  }

  #renamed(org) {
    this.#names.set(org.code, org);
    document.title = titleOf(org);
    renderBreadcrumb(document.getElementById('breadcrumb'), this.#chainFromNames(), this.#measure.key);
  }

  #chainFromNames() {
    const chain = [];
    for (let code = this.#code; code; code = this.#names.get(code)?.parentCode) {
      if (!this.#names.has(code)) break;
      chain.unshift(this.#names.get(code));
    }
    return chain;
  }

  // The nearest org in the chain (itself first) that has a shape: grassroots unions and zones show their area.
  async #geometryFor(chain) {
    for (const org of [...chain].reverse()) {
      const geometry = await geometryFor(org.code === NATIONAL ? { ...org, level: 'national' } : org);
      if (geometry) return { geometry, mapOrg: org };
    }
    return { geometry: null, mapOrg: null };
  }

  #showError(error) {
    if (error instanceof ApiError && error.status === 401) {
      this.#onUnauthorized(error);
      return;
    }
    const message = document.getElementById('load-error');
    message.hidden = !error;
    if (!error) return;
    message.textContent = error.problem?.title === DEREGISTERED ? '该组织已注销，不再计入上级；请从上级组织进入查看'
      : ERROR_MESSAGES[error.status] ?? '数据加载失败，请稍后刷新页面（实时连接重新建立时也会自动重新加载）';
    console.error(error);
  }

  #setLive(live) {
    document.body.dataset.live = String(live);
  }
}
