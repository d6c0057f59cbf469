// The demo banner. A fresh demo writes its figures, stations and a year of history after start-up: while it does, the
// banner counts it, and the view on screen is fetched again once it is done, since nothing pushes a rewritten past.
import { api } from './api.js';

const LABEL = '演示数据 — 非真实统计';
const POLL_EVERY = 2000;

export async function showDemoBanner(element, info, onSeeded) {
  element.hidden = !info.demo;
  let current = info;
  while (current.demoPhase === 'seeding') {
    element.textContent = `${LABEL} · 正在生成演示数据 ${Math.round(current.demoProgress * 100)}%`;
    await new Promise(resolve => setTimeout(resolve, POLL_EVERY));
    current = await api.info().catch(() => current);
  }
  element.textContent = LABEL;
  if (current !== info) onSeeded();
}
