// Start-up: access key and demo banner from /api/v1/info, the measures' names, then the live connection and the view
// named by the URL.
import { askForAccessKey, accessKey, forgetAccessKey } from './access-key.js';
import { api, ApiError } from './api.js';
import { ConnectionStatus } from './connection-status.js';
import { Dashboard } from './dashboard.js';
import { showDemoBanner } from './demo-banner.js';
import { setUpFullscreen } from './fullscreen.js';
import { unauthorizedText } from './key-gate.js';
import { LiveConnection } from './live.js';
import { MEASURES, useCatalogue } from './measures.js';
import { OrgSearch } from './org-search.js';
import { NATIONAL, readRoute, routeHref } from './route.js';

function fillMeasurePicker(picker) {
  for (const group of new Set(MEASURES.map(m => m.group))) {
    const optgroup = document.createElement('optgroup');
    optgroup.label = group;
    for (const measure of MEASURES.filter(m => m.group === group)) optgroup.append(new Option(measure.label, measure.key));
    picker.append(optgroup);
  }
}

async function reaskForKey(error) {
  // The live connection and a view's fetch may both find the key refused.
  if (document.getElementById('key-dialog').open) return;
  forgetAccessKey();
  await askForAccessKey({ rejected: unauthorizedText(error) });
  location.reload();
}

// An address naming no org opens the key's own: a city leader's key reads nothing above the city.
async function startAtTheKeysOrg() {
  if (location.hash || !accessKey()) return;
  const key = await api.currentKey().catch(() => null);
  if (key && key.orgCode !== NATIONAL) history.replaceState(null, '', routeHref({ code: key.orgCode, measure: readRoute().measure }));
}

async function main() {
  const [info, measures] = await Promise.all([api.info(), api.measures()]);
  useCatalogue(measures);
  if (!info.anonymousRead && !accessKey()) await askForAccessKey();

  const picker = document.getElementById('measure');
  fillMeasurePicker(picker);
  setUpFullscreen(document.getElementById('fullscreen'));

  const status = new ConnectionStatus();
  const live = new LiveConnection({ accessTokenFactory: () => accessKey() ?? '' });
  live.addEventListener('state', event => status.show(event.detail));
  // A refused connection does not say why; a read does, and a revoked key is then asked for again with the reason.
  live.addEventListener('failed', () => accessKey() && api.currentKey().catch(error => {
    if (error instanceof ApiError && error.status === 401) reaskForKey(error);
  }));
  const dashboard = new Dashboard({ live, status, onUnauthorized: reaskForKey });

  const showRoute = () => {
    const route = readRoute();
    picker.value = route.measure;
    dashboard.show(route);
  };
  window.addEventListener('hashchange', showRoute);
  new OrgSearch(document.getElementById('org-search'), code => { location.hash = routeHref({ code, measure: picker.value }); });
  // A measure change replaces the history entry: the back button goes up the hierarchy, not through measures.
  picker.addEventListener('change', () => {
    history.replaceState(null, '', routeHref({ code: readRoute().code, measure: picker.value }));
    showRoute();
  });

  live.start();
  await startAtTheKeysOrg();
  showRoute();
  showDemoBanner(document.getElementById('demo-banner'), info, () => dashboard.refresh());
}

main().catch(error => {
  const message = document.getElementById('load-error');
  message.textContent = '看板启动失败，请刷新页面重试';
  message.hidden = false;
  console.error(error);
});
