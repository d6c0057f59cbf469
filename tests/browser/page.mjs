import { colouredRegions, mapState, poll } from './browser.mjs';
import { interiorPoint } from './geo-point.mjs';

// Opening the dashboard in a scenario: the access key (when the app needs one) goes where the page keeps it.
export async function openDashboard(page, url, key) {
  if (key) await page.addInitScript(value => sessionStorage.setItem('coverage.accessKey', value), key);
  await page.goto(url);
}

// The raw value behind a key figure card (data-value), as a number; null while none is shown.
export async function figureValue(page, figure) {
  const raw = await page.locator(`#figures [data-figure="${figure}"]`).getAttribute('data-value');
  return raw ? Number(raw) : null;
}

export const waitUntilLive = (page, timeout = 20000) =>
  page.waitForSelector('body[data-live="true"]', { timeout });

// The org code in the page's route (#/450000?measure=…).
export const hashCode = page => decodeURIComponent(new URL(page.url()).hash.replace(/^#\/?/, '').split('?')[0]);

// Waits until the route shows `code` and its own map is drawn with at least `minRegions` coloured regions matching
// `pattern`; a view's map, figures and ranking are drawn together. Answers the map's state.
export function waitForView(page, { code, map, minRegions, pattern }) {
  return poll(async () => {
    const state = await mapState(page);
    return hashCode(page) === code && state.map === map && colouredRegions(state, pattern).length >= minRegions && state;
  }, { timeout: 15000, message: `view of ${code} (map ${map}, ≥ ${minRegions} coloured regions) never appeared` });
}

// The page point inside a GeoJSON feature on the map, via the chart's own geo → pixel conversion.
export async function featurePoint(page, feature) {
  const [x, y] = await page.evaluate(async coords => {
    const echarts = await import('/lib/echarts.esm.min.js');
    return echarts.getInstanceByDom(document.getElementById('map')).convertToPixel({ geoIndex: 0 }, coords);
  }, interiorPoint(feature).point);
  const box = await page.locator('#map').boundingBox();
  return [box.x + x, box.y + y];
}
