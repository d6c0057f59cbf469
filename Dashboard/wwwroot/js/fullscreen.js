// 大屏 mode: the page full screen with larger type; without the Fullscreen API, larger type alone.
import { BIG_SCREEN_CHANGE } from './chart-type.js';

export function setUpFullscreen(button) {
  const apply = on => {
    document.body.classList.toggle('big-screen', on);
    button.setAttribute('aria-pressed', String(on));
    button.textContent = on ? '退出大屏' : '大屏';
    document.dispatchEvent(new Event(BIG_SCREEN_CHANGE));
  };
  button.addEventListener('click', async () => {
    if (document.fullscreenElement) return document.exitFullscreen();
    try {
      await document.documentElement.requestFullscreen();
    } catch {
      apply(!document.body.classList.contains('big-screen'));
    }
  });
  document.addEventListener('fullscreenchange', () => apply(Boolean(document.fullscreenElement)));
}
