// Key figures of the selected org; each card carries its raw value (data-value) next to the formatted one.
import { flash } from './flash.js';
import { formatCount, formatPercent } from './format.js';

const newEmploymentMembers = summary => Object.values(summary.totals?.newEmployment ?? {})
  .reduce((sum, group) => sum + (group.members ?? 0), 0);

const FIGURES = [
  { key: 'members', label: '会员人数', value: s => s.totals?.members, format: formatCount, note: s => `职工 ${formatCount(s.totals?.employees)}` },
  { key: 'membership', label: '入会率', value: s => s.rates?.membership, format: formatPercent },
  { key: 'unitCoverage', label: '建会率', value: s => s.rates?.unitCoverage, format: formatPercent, note: s => `已建会 ${formatCount(s.totals?.unitsUnionized)} / 应建 ${formatCount(s.totals?.unitsRequired)}` },
  { key: 'verification', label: '实名认证率', value: s => s.rates?.verification, format: formatPercent },
  { key: 'newEmploymentMembers', label: '新就业形态会员', value: newEmploymentMembers, format: formatCount },
  { key: 'newEmployment', label: '新就业形态入会率', value: s => s.rates?.newEmployment, format: formatPercent },
  { key: 'stations', label: '驿站数', value: s => s.totals?.stations, format: formatCount },
  { key: 'stationVisitsToday', label: '今日服务人次', value: s => s.totals?.stationVisits?.today, format: formatCount, note: s => `近7日 ${formatCount(s.totals?.stationVisits?.last7Days)}` },
];

export class FiguresPanel {
  #cards = new Map();
  #code = null;

  constructor(element) {
    for (const figure of FIGURES) {
      const card = document.createElement('div');
      card.className = 'figure';
      card.dataset.figure = figure.key;
      card.innerHTML = '<span class="figure-label"></span><span class="figure-value">—</span><span class="figure-note"></span>';
      card.querySelector('.figure-label').textContent = figure.label;
      element.append(card);
      this.#cards.set(figure.key, card);
    }
  }

  render(summary) {
    const sameOrg = summary.code === this.#code;
    this.#code = summary.code;
    for (const figure of FIGURES) {
      const card = this.#cards.get(figure.key);
      const value = figure.value(summary) ?? null;
      const raw = value == null ? '' : String(value);
      if (sameOrg && card.dataset.value !== raw) flash(card);
      card.dataset.value = raw;
      card.querySelector('.figure-value').textContent = figure.format(value);
      card.querySelector('.figure-note').textContent = figure.note ? figure.note(summary) : '';
    }
  }
}
