// 密钥管理: an admin issues keys for its org and the orgs below it (each secret shown once), lists them and revokes them, and
// registers federations that are not divisions (development zones, industry unions) under them, and deregisters them.
import { api, ApiError } from './api.js';
import { escapeHtml } from './escape-html.js';
import { formatStamp } from './format.js';
import { KeyGate, keyRefusal, ownerText, ROLES } from './key-gate.js';
import { LEVEL_LABELS } from './org-labels.js';
import { OrgPicker } from './org-picker.js';

const PAGE = 100;

// The API's refusals in the words of the person issuing keys or registering orgs; anything else as the API put it.
function refusal(error, outOfScope = '该组织不在此密钥的管辖范围内：只能为本组织及其下级组织发放和吊销密钥') {
  if (!(error instanceof ApiError)) return '请求失败，请稍后重试';
  if (error.status === 403) return outOfScope;
  if (error.status === 404) return '找不到该组织或密钥';
  if (error.status === 429) return '操作过于频繁，请稍后重试';
  return error.detail ?? `请求失败（HTTP ${error.status}）`;
}

const byId = id => document.getElementById(id);

const sayInRegisterForm = text => { byId('register-status').textContent = text; };

class KeysPage {
  #gate = new KeyGate(() => this.load());
  #listed = 0;
  #generation = 0;
  #rows = document.querySelector('#keys tbody');
  #summary = byId('summary');
  #status = byId('issue-status');
  #issueFor = new OrgPicker(byId('org-query'), byId('org-choice'));
  #registerUnder = new OrgPicker(byId('parent-query'), byId('parent-choice'));

  constructor() {
    byId('change-key').addEventListener('click', () => this.#askForKey());
    byId('show-revoked').addEventListener('change', () => this.load());
    byId('more').addEventListener('click', () => this.#page());
    byId('issue-form').addEventListener('submit', event => {
      event.preventDefault();
      this.#issue();
    });
    byId('register-form').addEventListener('submit', event => {
      event.preventDefault();
      this.#register();
    });
    byId('deregister-federation').addEventListener('click', () => this.#deregister());
    byId('copy-secret').addEventListener('click', () => this.#copySecret());
    this.#rows.addEventListener('click', event => {
      const button = event.target.closest('button[data-revoke]');
      if (button) this.#revoke(button.dataset.revoke);
    });
  }

  start() {
    this.#gate.start();
  }

  load() {
    this.#generation++;
    this.#listed = 0;
    this.#rows.replaceChildren();
    return this.#page();
  }

  async #page() {
    const generation = this.#generation;
    let page;
    try {
      page = await api.keys({ limit: PAGE, offset: this.#listed, revoked: byId('show-revoked').checked, order: 'desc' });
    } catch (error) {
      if (generation === this.#generation) this.#failed(error);
      return;
    }
    // Ticking 显示已吊销 again while this page was on its way has started a new list.
    if (generation !== this.#generation) return;
    this.#gate.passed();
    if (byId('key-owner').hidden) this.#showOwner();
    byId('issue').hidden = false;
    byId('register').hidden = false;
    byId('list').hidden = false;
    for (const key of page.items) this.#rows.append(this.#row(key));
    this.#listed += page.items.length;
    byId('keys').hidden = this.#listed === 0;
    byId('more').hidden = this.#listed >= page.total;
    this.#summary.textContent = page.total === 0 ? '还没有发放过密钥' : `共 ${page.total} 个密钥，最新发放的在前`;
  }

  #row(key) {
    const row = document.createElement('tr');
    row.dataset.id = key.id;
    const state = key.revokedAt ? `已吊销（${formatStamp(key.revokedAt)}）` : '有效';
    const revoke = key.revokedAt ? '' : `<button type="button" data-revoke="${escapeHtml(key.id)}">吊销</button>`;
    row.innerHTML = `<td data-label="编号"><code>${escapeHtml(key.id)}</code></td>` +
      `<td data-label="组织"><span class="name"></span><span class="code">${escapeHtml(key.orgCode)}</span></td>` +
      `<td data-label="权限">${escapeHtml(ROLES[key.role] ?? key.role)}</td>` +
      `<td data-label="发放时间">${escapeHtml(formatStamp(key.createdAt))}</td>` +
      `<td data-label="最近使用">${escapeHtml(key.lastUsedAt ? formatStamp(key.lastUsedAt) : '从未使用')}</td>` +
      `<td data-label="状态">${escapeHtml(state)}</td>` +
      `<td>${revoke}</td>`;
    api.orgName(key.orgCode).then(name => { row.querySelector('.name').textContent = name ?? ''; });
    return row;
  }

  async #showOwner() {
    try {
      byId('key-owner-text').textContent = ownerText(await api.currentKey());
      byId('key-owner').hidden = false;
    } catch {
      // The list works without it; the next list asks again.
    }
  }

  async #issue() {
    let org;
    try {
      org = await this.#issueFor.pick(text => { this.#status.textContent = text; }, '发放');
    } catch (error) {
      this.#status.textContent = refusal(error);
      return;
    }
    if (!org) return;
    const role = byId('role').value;
    try {
      const created = await api.createKey(org.code, role);
      byId('secret-value').textContent = created.key;
      byId('copy-secret').textContent = '复制';
      byId('secret-org').textContent = `${org.name}（${org.code}）`;
      byId('secret').hidden = false;
      this.#status.textContent = `已为 ${org.name}（${org.code}）发放${ROLES[role]}密钥 ${created.id}`;
      this.#issueFor.offer([]);
      await this.load();
    } catch (error) {
      this.#status.textContent = refusal(error);
    }
  }

  // The parent named in the registration form, or null once the form says why there is none.
  async #parent(action) {
    try {
      return await this.#registerUnder.pick(sayInRegisterForm, action);
    } catch (error) {
      sayInRegisterForm(refusal(error));
      return null;
    }
  }

  // Registered or renamed; the issue form then names the new org, as its key is what comes next.
  async #register() {
    const parent = await this.#parent('登记');
    if (!parent) return;
    const code = byId('federation-code').value.trim();
    try {
      const { org, created } = await api.registerFederation(parent.code, code,
        { name: byId('federation-name').value.trim(), kind: byId('federation-kind').value });
      // The kind as the form's own choice names it.
      const kind = byId('federation-kind').querySelector(`option[value="${org.kind}"]`)?.textContent ?? org.kind;
      const what = `${LEVEL_LABELS[org.level] ?? org.level}${kind} ${org.name}（${org.code}）`;
      sayInRegisterForm(`${created ? `已在 ${parent.name}（${parent.code}）下登记` : '已更新'}${what}；可在上方为其发放密钥`);
      this.#issueFor.set(org.code);
    } catch (error) {
      sayInRegisterForm(refusal(error, '上级组织不在此密钥的管辖范围内：只能在本组织及其下级组织下登记'));
    }
  }

  // Only a federation with nothing below it goes: the API's refusal says what is still there, or why the code is not one.
  async #deregister() {
    const code = byId('federation-code').value.trim();
    if (!code) {
      sayInRegisterForm('请填写要注销的工会组织代码');
      return;
    }
    const parent = await this.#parent('注销');
    if (!parent) return;
    let org;
    try {
      org = await api.org(code);
    } catch (error) {
      sayInRegisterForm(error instanceof ApiError && error.status === 404 ? error.detail : refusal(error));
      return;
    }
    if (!confirm(`注销 ${parent.name} 下的 ${org.name}（${code}）？注销后其数据不再计入上级，其密钥一并吊销，已接收的记录仍保留。`)) return;
    try {
      await api.deregisterFederation(parent.code, code);
      sayInRegisterForm(`已注销 ${parent.name}（${parent.code}）下的 ${org.name}（${code}），其密钥已一并吊销`);
      this.load();
    } catch (error) {
      sayInRegisterForm(error instanceof ApiError && [404, 409].includes(error.status) ? error.detail
        : refusal(error, '上级组织不在此密钥的管辖范围内：只能注销本组织下级的工会组织'));
    }
  }

  // The clipboard is only there on https or localhost; elsewhere the secret is selected for Ctrl+C.
  async #copySecret() {
    const secret = byId('secret-value');
    try {
      await navigator.clipboard.writeText(secret.textContent);
      byId('copy-secret').textContent = '已复制';
    } catch {
      getSelection().selectAllChildren(secret);
      byId('copy-secret').textContent = '已选中，请按 Ctrl+C 复制';
    }
  }

  async #revoke(id) {
    if (!confirm(`吊销密钥 ${id}？吊销后，用它发出的请求都会被拒绝，且不能恢复。`)) return;
    try {
      await api.revokeKey(id);
      await this.load();
      this.#summary.textContent = `已吊销密钥 ${id}；${this.#summary.textContent}`;
    } catch (error) {
      this.#summary.textContent = refusal(error);
    }
  }

  #failed(error) {
    const refused = keyRefusal(error, '此密钥不是管理密钥：发放、查看和吊销密钥需要管理密钥。');
    if (refused) return this.#askForKey(refused);
    this.#summary.textContent = '读取密钥列表失败，请稍后重试';
  }

  #askForKey(message) {
    for (const id of ['key-owner', 'issue', 'register', 'list', 'secret']) byId(id).hidden = true;
    this.#status.textContent = '';
    this.#gate.ask(message);
  }
}

new KeysPage().start();
