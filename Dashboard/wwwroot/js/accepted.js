// 上报记录: the writes the API accepted for a writer key's org and the orgs below it, one China day at a time, the latest
// first, so a busy county's newest write is on top however many came before it; the org's sheet goes out and comes back here.
import { api, ApiError } from './api.js';
import { escapeHtml } from './escape-html.js';
import { flash } from './flash.js';
import { chinaDate, formatCount, formatPercent, formatStamp } from './format.js';
import { KeyGate, keyRefusal, ownerText, ROLES } from './key-gate.js';
import { KIND_LABELS, LEVEL_LABELS } from './org-labels.js';
import { uploadSheet } from './sheet-upload.js';

const PAGE = 200;

// Today's list is asked this often for what was accepted since its newest entry.
const FOLLOW_EVERY = 15_000;

const ACTIONS = {
  'figures.put': '上报数据',
  'figures.batch': '批量上报数据',
  'figures.import': '表格导入数据',
  'units.put': '登记基层工会',
  'units.batch': '批量登记基层工会',
  'units.import': '表格导入基层工会',
  'units.delete': '注销基层工会',
  'units.batchDelete': '批量注销基层工会',
  'stations.put': '登记驿站',
  'stations.batch': '批量登记驿站',
  'stations.import': '表格导入驿站',
  'stations.usage': '上报驿站服务人次',
  'stations.delete': '注销驿站',
  'stations.batchDelete': '批量注销驿站',
  'usage.batch': '批量上报驿站服务人次',
  'usage.import': '表格导入驿站服务人次',
  'targets.put': '设定年度目标',
  'targets.batch': '批量设定年度目标',
  'targets.import': '表格导入年度目标',
  'federations.put': '登记工会组织',
  'federations.delete': '注销工会组织',
  'keys.create': '发放密钥',
  'keys.revoke': '吊销密钥',
};

// The target measures as the targets sheet heads them; the last four are rates.
const TARGET_LABELS = {
  newMembers: '新增会员', newEmploymentMembers: '新增新就业形态会员', members: '会员人数', stations: '服务站点数',
  membership: '入会率', unitCoverage: '建会率', verification: '实名认证率', newEmployment: '新就业形态入会率',
};
const RATE_TARGETS = new Set(['membership', 'unitCoverage', 'verification', 'newEmployment']);

const targetsText = ({ year, targets }) => `${year} 年：${Object.entries(targets)
  .map(([key, value]) => `${TARGET_LABELS[key] ?? key} ${RATE_TARGETS.has(key) ? formatPercent(value) : formatCount(value)}`).join('、')}`;

const figuresText = f => `截至 ${formatStamp(f.asOf)} · 职工 ${formatCount(f.employees)} · 会员 ${formatCount(f.members)}`;

// A few days one by one; a sheet's week or month as its span and its sum, so the line stays a line.
function usageText(days) {
  if (days.length <= 3) return days.map(d => `${d.date} ${formatCount(d.visits)} 人次`).join('，');
  const dates = days.map(d => d.date).sort();
  const total = days.reduce((sum, d) => sum + d.visits, 0);
  return `${dates[0]} 至 ${dates.at(-1)} 共 ${days.length} 天 ${formatCount(total)} 人次`;
}

const revokedText = payload => (payload.revokedKeys?.length ? `，同时吊销其密钥 ${payload.revokedKeys.length} 个` : '');

// What was accepted, in a line; an entry of a kind this page does not know is shown as its JSON.
function contentOf(action, payload) {
  switch (action) {
    case 'figures.put': return figuresText(payload);
    case 'figures.batch':
    case 'figures.import': return figuresText(payload.figures);
    case 'units.put':
    case 'units.batch':
    case 'units.import': return `${payload.name}（${KIND_LABELS[payload.kind] ?? payload.kind}）`;
    case 'units.delete':
    case 'units.batchDelete': return `${payload.name}（${payload.code}）${payload.lastFigures ? `，注销前会员 ${formatCount(payload.lastFigures.members)}` : ''}`
      + revokedText(payload);
    case 'stations.put':
    case 'stations.batch':
    case 'stations.import': return `${payload.info.name}（${payload.stationId}）`;
    case 'stations.delete':
    case 'stations.batchDelete': return `${payload.closed.name}（${payload.stationId}），注销前近30日服务 ${formatCount(payload.closed.visits.last30Days)} 人次`;
    case 'stations.usage':
    case 'usage.batch':
    case 'usage.import': return `${payload.stationId}：${usageText(payload.usage)}`;
    case 'targets.put':
    case 'targets.batch':
    case 'targets.import': return targetsText(payload);
    case 'federations.delete': return `${payload.name}（${payload.code}，上级 ${payload.parentCode}）`
      + revokedText(payload);
    case 'federations.put': return `${payload.name}（${LEVEL_LABELS[payload.level] ?? payload.level}${KIND_LABELS[payload.kind] ?? payload.kind}，上级 ${payload.parentCode}）`;
    case 'keys.create': return `${ROLES[payload.role] ?? payload.role}密钥 ${payload.id}`;
    case 'keys.revoke': return `密钥 ${payload.id}`;
    default: return JSON.stringify(payload);
  }
}

// What the 注销 form deregisters, by the button that opened it; send answers how many went.
const DEREGISTERED = {
  units: { button: 'deregister-units', label: '要注销的基层工会代码', noun: '基层工会',
    send: async (orgCode, codes) => (await api.deregisterUnits(orgCode, codes)).deregistered },
  stations: { button: 'close-stations', label: '要注销的驿站编号', noun: '驿站', send: async (_, ids) => (await api.closeStations(ids)).closed },
};

class AcceptedPage {
  #deregistering = 'units';
  #next = null;
  #newestId = null;
  #listed = false;
  #following = false;
  #shown = 0;
  #generation = 0;
  #owner = null;
  #rows = document.querySelector('#entries tbody');
  #summary = document.getElementById('summary');
  #gate = new KeyGate(() => this.load());

  constructor() {
    const actions = document.getElementById('action');
    for (const [value, label] of Object.entries(ACTIONS)) actions.append(new Option(label, value));
    document.getElementById('day').value = chinaDate(new Date());
    document.getElementById('filters').addEventListener('change', () => this.load());
    document.getElementById('more').addEventListener('click', () => this.#earlier());
    setInterval(() => this.#follow(), FOLLOW_EVERY);
    document.getElementById('change-key').addEventListener('click', () => this.#askForKey());
    document.getElementById('download-day').addEventListener('click', event => {
      const [day, action] = [this.#day(), document.getElementById('action').value];
      this.#download(event, () => api.auditSheet({ from: day, to: day, ...(action ? { action } : {}) }), `accepted-${day}`, '当天记录');
    });
    document.getElementById('sheet').addEventListener('click', event => this.#download(event, api.figuresSheet, 'figures', '填报表'));
    document.getElementById('download-units').addEventListener('click', event => this.#download(event, api.unitsSheet, 'units', '基层工会名册'));
    document.getElementById('download-stations').addEventListener('click', event => this.#download(event, api.stationsSheet, 'stations', '驿站名册'));
    document.getElementById('download-usage').addEventListener('click', event => this.#download(event, api.usageSheet, 'usage', '驿站服务人次表'));
    // This year's targets, or next year's, which federations set before the year begins.
    const targetsYear = document.getElementById('targets-year');
    const thisYear = Number(chinaDate(new Date()).slice(0, 4));
    for (const year of [thisYear, thisYear + 1]) targetsYear.append(new Option(`${year} 年`, year));
    document.getElementById('download-targets').addEventListener('click', event =>
      this.#download(event, code => api.targetsSheet(code, targetsYear.value), `targets-${targetsYear.value}`, '年度目标表'));
    this.#uploadsFrom('upload', 'sheet-file', (_, bytes, charset) => api.importFigures(bytes, charset),
      ({ applied }) => `${applied} 个组织的数据已接收`);
    this.#uploadsFrom('upload-units', 'units-file', api.importUnits,
      ({ registered, renamed, unchanged }) => `新登记 ${registered} 个、更名 ${renamed} 个、未变 ${unchanged} 个基层工会`);
    for (const kind of Object.keys(DEREGISTERED)) {
      document.getElementById(DEREGISTERED[kind].button).addEventListener('click', () => this.#offerDeregistration(kind));
    }
    document.getElementById('deregister-form').addEventListener('submit', event => {
      event.preventDefault();
      this.#deregister();
    });
    this.#uploadsFrom('upload-stations', 'stations-file', (_, bytes, charset) => api.importStations(bytes, charset),
      ({ registered, updated, unchanged }) => `新登记 ${registered} 个、更新 ${updated} 个、未变 ${unchanged} 个驿站`);
    this.#uploadsFrom('upload-usage', 'usage-file', (_, bytes, charset) => api.importUsage(bytes, charset),
      ({ stations, days }) => `${stations} 个驿站共 ${days} 天的服务人次已接收`);
    this.#uploadsFrom('upload-targets', 'targets-file', (_, bytes, charset) => api.importTargets(bytes, charset),
      ({ set, unchanged }) => `已设定 ${set} 个组织的年度目标${unchanged ? `（其中 ${unchanged} 个与原目标相同）` : ''}`);
  }

  start() {
    this.#gate.start();
  }

  load() {
    this.#generation++;
    this.#next = null;
    this.#newestId = null;
    // Not followed until its first page is in: both would read the newest entries.
    this.#listed = false;
    this.#shown = 0;
    this.#rows.replaceChildren();
    return this.#earlier();
  }

  // The day's latest entries first; each further page reaches back to earlier ones, below them.
  async #earlier() {
    const page = await this.#read({ order: 'newest', ...(this.#next ? { before: this.#next } : {}) });
    if (!page) return;
    this.#newestId ??= page.entries[0]?.id ?? null;
    for (const entry of page.entries) this.#rows.append(this.#row(entry));
    this.#next = page.next;
    this.#listed = true;
    this.#counted(page.entries.length);
  }

  // A county union sees its scripts' writes arrive on top without reloading, highlighted.
  async #follow() {
    if (!this.#listed || this.#following || document.hidden || this.#day() !== chinaDate(new Date())) return;
    this.#following = true;
    try {
      for (let page = { next: true }; page?.next;) {
        page = await this.#read({ after: this.#newestId ?? 0 });
        for (const entry of page?.entries ?? []) {
          const row = this.#row(entry);
          this.#rows.prepend(row);
          flash(row);
          this.#newestId = entry.id;
        }
        if (page) this.#counted(page.entries.length);
      }
    } finally {
      this.#following = false;
    }
  }

  // One page of the chosen day and action; null when it failed or the list has changed since it was asked for.
  async #read(cursor) {
    const day = this.#day();
    const action = document.getElementById('action').value;
    const generation = this.#generation;
    let page;
    try {
      page = await api.audit({ from: day, to: day, limit: PAGE, ...(action ? { action } : {}), ...cursor });
    } catch (error) {
      if (generation === this.#generation) this.#failed(error);
      return null;
    }
    // A change of day or action while this page was on its way has started a new list.
    if (generation !== this.#generation) return null;
    this.#gate.passed();
    document.getElementById('filters').hidden = false;
    // Without it the list still shows; the next page asks again.
    if (!this.#owner) this.#showOwner().catch(() => { this.#owner = null; });
    return page;
  }

  #day() {
    return document.getElementById('day').value || chinaDate(new Date());
  }

  #counted(added) {
    const day = this.#day();
    this.#shown += added;
    document.getElementById('entries').hidden = this.#shown === 0;
    document.getElementById('more').hidden = !this.#next;
    this.#summary.textContent = this.#shown === 0 ? `${day} 没有已接收的上报` : `${day} 已接收 ${this.#shown}${this.#next ? '+' : ''} 条`;
  }

  #row(entry) {
    const row = document.createElement('tr');
    row.innerHTML = `<td data-label="接收时间">${escapeHtml(formatStamp(entry.at))}</td>` +
      `<td data-label="操作">${escapeHtml(ACTIONS[entry.action] ?? entry.action)}</td>` +
      `<td data-label="组织"><span class="name"></span><span class="code">${escapeHtml(entry.orgCode)}</span></td>` +
      `<td data-label="内容">${escapeHtml(contentOf(entry.action, entry.payload))}</td>` +
      `<td data-label="密钥">${escapeHtml(entry.keyId)}</td>`;
    api.orgName(entry.orgCode).then(name => { row.querySelector('.name').textContent = name ?? ''; });
    return row;
  }

  // Whose key this is, and that org's sheets to fill in and send back: its figures, a county's grassroots unions, its stations and
  // their visits, and its children's targets.
  async #showOwner() {
    this.#owner = api.currentKey();
    const key = await this.#owner;
    document.getElementById('key-owner-text').textContent = ownerText(key);
    document.getElementById('key-owner').hidden = false;
    const { level } = await api.org(key.orgCode);
    document.getElementById('units-sheet').hidden = level !== 'county';
    // Stations belong to counties; a county and every federation above it can keep their list and visits on sheets.
    document.getElementById('stations-sheet').hidden = level === 'grassroots';
    document.getElementById('usage-sheet').hidden = level === 'grassroots';
    // Targets are set by the parent federation, so an org's sheet lists its children; a grassroots union has none.
    document.getElementById('targets-sheet').hidden = level === 'grassroots';
  }

  // The button opens the file picker; an accepted sheet shows at once among today's entries.
  #uploadsFrom(button, picker, send, accepted) {
    const input = document.getElementById(picker);
    document.getElementById(button).addEventListener('click', () => input.click());
    input.addEventListener('change', async () => {
      const [file] = input.files;
      input.value = '';
      const { orgCode } = await this.#owner;
      const sent = (bytes, charset) => send(orgCode, bytes, charset);
      if (file && await uploadSheet(file, document.getElementById('upload-result'), sent, accepted)) {
        document.getElementById('day').value = chinaDate(new Date());
        await this.load();
      }
    });
  }

  // The one form serves units and stations: the button pressed says which; pressed again, it folds the form away.
  #offerDeregistration(kind) {
    const form = document.getElementById('deregister-form');
    form.hidden = !form.hidden && this.#deregistering === kind;
    this.#deregistering = kind;
    document.getElementById('deregister-what').textContent = DEREGISTERED[kind].label;
    for (const other of Object.values(DEREGISTERED)) {
      document.getElementById(other.button).setAttribute('aria-expanded', String(!form.hidden && other === DEREGISTERED[kind]));
    }
  }

  // Units that closed or merged, or stations that closed, leave the county's figures; each code that names none is told, and none goes.
  async #deregister() {
    const what = DEREGISTERED[this.#deregistering];
    const input = document.getElementById('deregister-codes');
    const codes = [...new Set(input.value.split(/[\s,，、]+/).filter(Boolean))];
    if (codes.length === 0) return;
    if (!confirm(`注销 ${codes.length} 个${what.noun}（${codes.join('、')}）？注销后其数据不再计入本级，已接收的记录仍保留在上报记录中。`)) return;
    const result = document.getElementById('upload-result');
    result.hidden = false;
    result.className = 'upload-result';
    try {
      const { orgCode } = await this.#owner;
      result.textContent = `已注销 ${await what.send(orgCode, codes)} 个${what.noun}`;
      input.value = '';
      document.getElementById('deregister-form').hidden = true;
      document.getElementById('day').value = chinaDate(new Date());
      await this.load();
    } catch (error) {
      result.classList.add('refused');
      const errors = Object.entries(error instanceof ApiError ? error.problem?.errors ?? {} : {});
      // [3] is the fourth code sent.
      const codeAt = key => codes[Number(key.match(/^\[(\d+)\]$/)?.[1])] ?? key;
      result.innerHTML = errors.length === 0
        ? `未注销：${escapeHtml(error.detail ?? '请求失败，请稍后重试')}`
        : `未注销任何${what.noun}，请改正以下 ${errors.length} 项：<ul>${errors.map(([key, messages]) =>
          `<li>${escapeHtml(codeAt(key))}：${escapeHtml(messages.join('；'))}</li>`).join('')}</ul>`;
    }
  }

  // The button says so while the sheet comes, as a busy day's list or a large subtree's sheet takes a while.
  async #download(event, sheetOf, name, label) {
    const button = event.currentTarget;
    const text = button.textContent;
    [button.disabled, button.textContent] = [true, '下载中…'];
    try {
      const { orgCode } = await this.#owner;
      const link = document.createElement('a');
      link.href = URL.createObjectURL(await sheetOf(orgCode));
      link.download = `${orgCode}-${name}.csv`;
      link.click();
      URL.revokeObjectURL(link.href);
    } catch {
      this.#summary.textContent = `下载${label}失败，请稍后重试`;
    } finally {
      [button.disabled, button.textContent] = [false, text];
    }
  }

  #failed(error) {
    const refused = keyRefusal(error, '此密钥只能读取数据；查看上报记录需要写入或管理密钥。');
    if (refused) return this.#askForKey(refused);
    this.#summary.textContent = '读取上报记录失败，请稍后重试';
  }

  #askForKey(message) {
    this.#owner = null;
    this.#listed = false;
    document.getElementById('key-owner').hidden = true;
    document.getElementById('upload-result').hidden = true;
    document.getElementById('filters').hidden = true;
    document.getElementById('entries').hidden = true;
    document.getElementById('more').hidden = true;
    this.#summary.textContent = '';
    this.#gate.ask(message);
  }
}

new AcceptedPage().start();
