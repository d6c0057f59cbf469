// Finding an org from the header by name or code, grassroots unions included: matches are offered as the leader types,
// and the one chosen (or the first, on Enter) opens in the view.
import { api } from './api.js';
import { escapeHtml } from './escape-html.js';
import { LEVEL_LABELS } from './org-labels.js';

const SHOWN = 10;
const TYPING_PAUSE = 250;
// The first search after the server starts lays out its tree (about 2 s on the national one); a wait that long is said.
const SLOW_ANSWER = 400;

export class OrgSearch {
  #form;
  #input;
  #list;
  #open;
  #typing = null;
  #request = 0;

  // open: called with the chosen org's code.
  constructor(form, open) {
    this.#form = form;
    this.#input = form.querySelector('input');
    this.#list = form.querySelector('ul');
    this.#open = open;
    this.#input.addEventListener('input', () => {
      clearTimeout(this.#typing);
      this.#typing = setTimeout(() => this.#find(), TYPING_PAUSE);
    });
    form.addEventListener('submit', async event => {
      event.preventDefault();
      clearTimeout(this.#typing);
      const first = await this.#find();
      if (first) this.#choose(first.code);
    });
    this.#list.addEventListener('click', event => {
      const choice = event.target.closest('button[data-code]');
      if (choice) this.#choose(choice.dataset.code);
    });
    form.addEventListener('keydown', event => this.#key(event));
    document.addEventListener('click', event => {
      if (!form.contains(event.target)) this.#close();
    });
  }

  // The matches of what is typed, shown; answers the first, or null.
  async #find() {
    const query = this.#input.value.trim();
    const request = ++this.#request;
    if (!query) {
      this.#close();
      return null;
    }
    let found;
    const slow = setTimeout(() => request === this.#request && this.#say('正在查找…'), SLOW_ANSWER);
    try {
      found = await api.search(query, SHOWN);
    } catch {
      if (request === this.#request) this.#say('搜索失败，请稍后重试');
      return null;
    } finally {
      clearTimeout(slow);
    }
    if (request !== this.#request) return null;
    if (found.items.length === 0) {
      this.#say(`找不到“${query}”，请输入组织名称或代码`);
      return null;
    }
    this.#list.innerHTML = found.items.map(o => `<li><button type="button" data-code="${escapeHtml(o.code)}">` +
      `<span class="name">${escapeHtml(o.name)}</span><span class="meta">${escapeHtml(LEVEL_LABELS[o.level] ?? o.level)} · ${escapeHtml(o.code)}` +
      `<span class="parent"></span></span></button></li>`).join('') +
      (found.total > found.items.length ? `<li class="more">另有 ${found.total - found.items.length} 个，请输入更多字</li>` : '');
    found.items.forEach((o, i) => {
      if (!o.parentCode) return;
      api.orgName(o.parentCode).then(name => {
        if (name && request === this.#request) this.#list.querySelectorAll('.parent')[i].textContent = ` · ${name}`;
      });
    });
    this.#show();
    return found.items[0];
  }

  #choose(code) {
    this.#close();
    this.#input.value = '';
    this.#input.blur();
    this.#open(code);
  }

  // Arrows move between the matches and the box, Escape closes them.
  #key(event) {
    const choices = [...this.#list.querySelectorAll('button[data-code]')];
    const at = choices.indexOf(document.activeElement);
    if (event.key === 'Escape') {
      this.#close();
      this.#input.focus();
    } else if (event.key === 'ArrowDown' && choices.length) {
      event.preventDefault();
      choices[Math.min(at + 1, choices.length - 1)].focus();
    } else if (event.key === 'ArrowUp' && at >= 0) {
      event.preventDefault();
      (at === 0 ? this.#input : choices[at - 1]).focus();
    }
  }

  #say(text) {
    this.#list.innerHTML = `<li class="none">${escapeHtml(text)}</li>`;
    this.#show();
  }

  #show() {
    this.#list.hidden = false;
    this.#input.setAttribute('aria-expanded', 'true');
  }

  #close() {
    this.#list.hidden = true;
    this.#input.setAttribute('aria-expanded', 'false');
  }
}
