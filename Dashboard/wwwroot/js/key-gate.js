// The key form of the pages beside the dashboard: asks for a key, keeps it for the tab, and says why one was refused.
import { accessKey, forgetAccessKey, rememberAccessKey } from './access-key.js';
import { ApiError, REVOKED_KEY } from './api.js';

export const ROLES = { reader: '只读', writer: '写入', admin: '管理' };

// What to tell the person whose key the API refused: revoked or unknown (401), or not allowed on this page (403); null otherwise.
export function keyRefusal(error, forbidden) {
  if (!(error instanceof ApiError)) return null;
  return { 401: unauthorizedText(error), 403: forbidden }[error.status] ?? null;
}

// A revoked key's refusal says when and whom to ask for a new one; any other just asks again.
export const unauthorizedText = error => (error.problem?.title === REVOKED_KEY ? error.detail : null) ?? '密钥无效，请重新输入。';

export const ownerText = key => `密钥所属：${key.orgName}（${key.orgCode}）· ${ROLES[key.role] ?? key.role}密钥`;

export class KeyGate {
  #form = document.getElementById('key-form');
  #error = document.getElementById('key-error');
  #input = document.getElementById('key-input');
  #onKey;

  // onKey runs once a key is given, now when the tab holds one already.
  constructor(onKey) {
    this.#form.addEventListener('submit', event => {
      event.preventDefault();
      rememberAccessKey(this.#input.value);
      onKey();
    });
    this.#onKey = onKey;
  }

  start() {
    if (accessKey()) this.#onKey();
    else this.ask();
  }

  ask(message) {
    forgetAccessKey();
    this.#error.textContent = message ?? '';
    this.#error.hidden = !message;
    this.#input.value = '';
    this.#form.hidden = false;
  }

  passed() {
    this.#form.hidden = true;
  }
}
