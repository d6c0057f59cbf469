// The always-visible connection indicator and the time data last arrived.
import { formatClock } from './format.js';

const LABELS = {
  connecting: '正在连接…',
  connected: '已连接',
  reconnecting: '正在重连…',
  disconnected: '连接已断开，正在重试…',
};

export class ConnectionStatus {
  #indicator = document.getElementById('connection');
  #text = document.getElementById('connection-text');
  #lastUpdate = document.getElementById('last-update');

  show(state) {
    this.#indicator.dataset.state = state;
    this.#text.textContent = LABELS[state];
  }

  touched(at = new Date()) {
    this.#lastUpdate.textContent = `最后更新 ${formatClock(at)}`;
    this.#lastUpdate.dateTime = at.toISOString();
  }
}
