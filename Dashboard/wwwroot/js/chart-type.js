// Chart text sizes follow 大屏 mode, since canvas text does not scale with the page's CSS.
export const BIG_SCREEN_CHANGE = 'bigscreenchange';

export const chartFontSize = () => (document.body.classList.contains('big-screen') ? 16 : 11);

export function onBigScreenChange(callback) {
  document.addEventListener(BIG_SCREEN_CHANGE, callback);
}
