// How an org's progress towards its year's targets is told, in the ranking's tooltip and under the selected org's figures.
import { escapeHtml } from './escape-html.js';
import { formatPercent } from './format.js';
import { formatMeasure } from './measures.js';

const formatTarget = (target, value) => formatMeasure({ kind: target.isRate ? 'rate' : 'count' }, value);

export const targetText = m =>
  `${m.label}：完成 ${formatPercent(m.ratio)}（目标 ${formatTarget(m, m.target)}，实际 ${formatTarget(m, m.actual)}）${m.behind ? ' 落后' : ''}`;

export const elapsedText = attainment => `${attainment.year} 年已过 ${formatPercent(attainment.elapsedFraction)}`;

// The selected org's own targets, each on its line, those behind the elapsed year marked; hidden for an org without targets.
export function renderTargets(element, attainment) {
  element.hidden = !attainment;
  if (!attainment) return;
  element.innerHTML = `<span class="targets-title">年度目标（${escapeHtml(elapsedText(attainment))}）</span>` +
    Object.values(attainment.measures).map(m => `<span class="target${m.behind ? ' behind' : ''}">${escapeHtml(targetText(m))}</span>`).join('');
}
