// Key figures of the selected org; each card carries its raw value (data-value) next to the formatted one.
import { flash } from './flash.js';
import { formatCount, formatDecimal } from './format.js';
import { formatMeasure, kindOf, labelOf, valueOf } from './measures.js';

// A rate with no denominator (no stations, no workers) leaves its words out rather than showing "— 个".
const given = (value, text) => (value == null ? '' : text(value));

// Each card shows one measure of the catalogue under its name there; the key names the card for tests and styles.
const FIGURES = [
  { key: 'members', measure: 'totals.members', note: s => `职工 ${formatCount(s.totals?.employees)}` },
  { key: 'membership', measure: 'rates.membership' },
  { key: 'unitCoverage', measure: 'rates.unitCoverage', note: s => `已建会 ${formatCount(s.totals?.unitsUnionized)} / 应建 ${formatCount(s.totals?.unitsRequired)}` },
  { key: 'verification', measure: 'rates.verification' },
  { key: 'newEmploymentMembers', measure: 'totals.newEmployment.members', value: s => Object.values(s.totals?.newEmployment ?? {}).reduce((sum, g) => sum + (g.members ?? 0), 0) },
  { key: 'newEmployment', measure: 'rates.newEmployment' },
  { key: 'stations', measure: 'totals.stations', note: s => given(s.rates?.stationsPer10kNewEmployment, v => `每万名新就业形态劳动者 ${formatDecimal(v)} 个`) },
  {
    key: 'stationVisitsToday',
    measure: 'totals.stationVisits.today',
    note: s => [`近7日 ${formatCount(s.totals?.stationVisits?.last7Days)}`, given(s.rates?.visitsPerStation, v => `站均 ${formatDecimal(v)}`)]
      .filter(Boolean).join(' · '),
  },
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
      card.querySelector('.figure-label').textContent = labelOf(figure.measure);
      element.append(card);
      this.#cards.set(figure.key, card);
    }
  }

  render(summary) {
    const sameOrg = summary.code === this.#code;
    this.#code = summary.code;
    for (const figure of FIGURES) {
      const card = this.#cards.get(figure.key);
      const value = (figure.value ? figure.value(summary) : valueOf(summary, figure.measure)) ?? null;
      const raw = value == null ? '' : String(value);
      if (sameOrg && card.dataset.value !== raw) flash(card);
      card.dataset.value = raw;
      card.querySelector('.figure-value').textContent = formatMeasure({ kind: kindOf(figure.measure) }, value);
      card.querySelector('.figure-note').textContent = figure.note ? figure.note(summary) : '';
    }
  }
}
