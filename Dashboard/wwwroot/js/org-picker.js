// An org named in a form: the one chosen from a list of matches, an exact code, or the single match of a search.
import { api } from './api.js';
import { LEVEL_LABELS } from './org-labels.js';

const CHOICES = 20;

export class OrgPicker {
  #query;
  #choice;

  constructor(query, choice) {
    this.#query = query;
    this.#choice = choice;
    query.addEventListener('input', () => this.offer([]));
  }

  // The org, or null after telling `say` why none was picked (nothing found, or several to choose from); `action` names the button.
  async pick(say, action) {
    if (!this.#choice.hidden) return JSON.parse(this.#choice.value);
    const query = this.#query.value.trim();
    const found = await api.search(query, CHOICES);
    const org = found.items.find(o => o.code === query) ?? (found.items.length === 1 ? found.items[0] : null);
    if (org) return org;
    this.offer(found.items);
    say(found.total === 0 ? `找不到“${query}”，请输入组织代码或名称`
      : `“${query}”对应 ${found.total} 个组织${found.total > CHOICES ? `（列出前 ${CHOICES} 个）` : ''}，请选择一个后再点${action}`);
    return null;
  }

  offer(orgs) {
    this.#choice.replaceChildren(...orgs.map(o => new Option(`${o.name}（${o.code} · ${LEVEL_LABELS[o.level] ?? o.level}）`,
      JSON.stringify({ code: o.code, name: o.name, level: o.level }))));
    this.#choice.hidden = orgs.length === 0;
  }

  set(text) {
    this.#query.value = text;
    this.offer([]);
  }
}
