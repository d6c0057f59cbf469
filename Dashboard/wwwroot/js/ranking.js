// Ranking table of the selected org's children, sortable by any column; children with targets show their progress and
// those behind the year are marked, and children that report figures of their own show the day of their latest report.
import { elapsedText, targetText } from './attainment.js';
import { escapeHtml } from './escape-html.js';
import { flash } from './flash.js';
import { formatDay, formatPercent, formatStamp } from './format.js';
import { formatMeasure, kindOf, labelOf, valueOf } from './measures.js';
import { KIND_LABELS } from './org-labels.js';
import { PressHold } from './press-hold.js';
import { routeHref } from './route.js';

const MAX_ROWS = 500;
const FEDERATION_KINDS = new Set(['zone', 'industry']);

const PROGRESS = { key: 'attainment', label: '目标进度', kind: 'progress' };

const AS_OF = { key: 'own.asOf', label: '本级截至', kind: 'day' };

const BASE_KEYS = ['totals.members', 'rates.membership', 'rates.unitCoverage', 'rates.newEmployment', 'rates.verification',
  'totals.stations', 'totals.stationVisits.today'];

export class RankingTable {
  #table;
  #note;
  #sort = { key: 'rates.membership', descending: true };
  #children = [];
  #measure;
  #hold;

  constructor(table, note) {
    this.#table = table;
    this.#note = note;
    this.#hold = new PressHold(table);
    table.addEventListener('click', event => {
      const header = event.target.closest('th[data-key]');
      if (!header) return;
      const key = header.dataset.key;
      this.#sort = { key, descending: this.#sort.key === key ? !this.#sort.descending : key !== 'name' };
      this.#render();
    });
  }

  show(children, measure) {
    this.#hold.drop();
    this.#children = children;
    this.#measure = measure;
    this.#sort = { key: measure.key, descending: true };
    this.#render();
  }

  // Rows are drawn anew, so a press on a row or heading holds the update until its click has landed.
  update(children, changedCodes) {
    this.#children = children;
    this.#hold.run(() => {
      this.#render();
      for (const code of changedCodes) {
        const row = this.#table.querySelector(`tr[data-code="${CSS.escape(code)}"]`);
        if (row) flash(row);
      }
    });
  }

  #columns() {
    const base = BASE_KEYS.map(key => ({ key, label: labelOf(key), kind: kindOf(key) }));
    const measureColumn = BASE_KEYS.includes(this.#measure.key)
      ? []
      : [{ key: this.#measure.key, label: this.#measure.label, kind: this.#measure.kind }];
    const progressColumn = this.#children.some(s => s.attainment) ? [PROGRESS] : [];
    const asOfColumn = this.#children.some(s => s.own) ? [AS_OF] : [];
    return [{ key: 'name', label: '名称', kind: 'text' }, ...measureColumn, ...progressColumn, ...base, ...asOfColumn];
  }

  #render() {
    const columns = this.#columns();
    const { key, descending } = this.#sort;
    const sortValue = s => (key === 'name' ? s.name : key === PROGRESS.key ? progressOf(s) : key === AS_OF.key ? reportedAt(s) : valueOf(s, key));
    const rows = [...this.#children].sort((a, b) => compare(sortValue(a), sortValue(b), descending));

    const head = columns.map(c => {
      const sorted = c.key === key ? (descending ? 'descending' : 'ascending') : 'none';
      const highlight = c.key === this.#measure.key ? ' class="measure"' : '';
      return `<th data-key="${c.key}" aria-sort="${sorted}"${highlight} title="按${c.label}排序">${c.label}</th>`;
    }).join('');
    const body = rows.slice(0, MAX_ROWS).map((s, i) => {
      const cells = columns.map(c => {
        if (c.kind === 'text') return `<td class="name"><a href="${routeHref({ code: s.code, measure: this.#measure.key })}">${escapeHtml(s.name)}</a>${kindMark(s)}</td>`;
        if (c.kind === 'progress') return progressCell(s.attainment);
        if (c.kind === 'day') return `<td data-value="${reportedAt(s) ?? ''}" title="${formatStamp(s.own?.asOf)}">${formatDay(s.own?.asOf)}</td>`;
        const value = valueOf(s, c.key);
        return `<td data-value="${value ?? ''}"${c.key === this.#measure.key ? ' class="measure"' : ''}>${formatMeasure(c, value)}</td>`;
      }).join('');
      const behind = s.attainment?.behind ? ' class="behind"' : '';
      return `<tr data-code="${escapeHtml(s.code)}"${behind}><td class="rank">${i + 1}</td>${cells}</tr>`;
    }).join('');
    this.#table.innerHTML = `<thead><tr><th class="rank">#</th>${head}</tr></thead><tbody>${body}</tbody>`;
    this.#note.textContent = rows.length === 0 ? '暂无下级组织'
      : rows.length > MAX_ROWS ? `共 ${rows.length} 个，显示前 ${MAX_ROWS} 个` : '';
  }
}

const reportedAt = summary => (summary.own?.asOf ? Date.parse(summary.own.asOf) : null);

// A development zone or an industry union says what it is, ranked among divisions, and mostly without an outline on the map.
const kindMark = s => (FEDERATION_KINDS.has(s.kind) ? `<span class="kind-mark">${KIND_LABELS[s.kind]}</span>` : '');

// The least-met target: the one that decides whether the org keeps pace with the year.
function progressOf(summary) {
  const ratios = Object.values(summary.attainment?.measures ?? {}).map(m => m.ratio).filter(r => Number.isFinite(r));
  return ratios.length ? Math.min(...ratios) : null;
}

function progressCell(attainment) {
  if (!attainment) return '<td data-value="">—</td>';
  const value = progressOf({ attainment });
  const title = [...Object.values(attainment.measures).map(targetText), elapsedText(attainment)].join('\n');
  const mark = attainment.behind ? '<span class="behind-mark">落后</span>' : '';
  return `<td data-value="${value ?? ''}" title="${escapeHtml(title)}">${mark}${formatPercent(value)}</td>`;
}

// Missing values (a rate with no denominator) always sort last, whichever the direction.
function compare(a, b, descending) {
  if (a == null || b == null) return (a == null) - (b == null);
  const order = typeof a === 'string' ? a.localeCompare(b, 'zh-CN') : a - b;
  return descending ? -order : order;
}
