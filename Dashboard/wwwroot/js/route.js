// The shareable address of a view: #/<orgCode>?measure=<measure key>.
import { measureOf } from './measures.js';

export const NATIONAL = '000000';

export function readRoute() {
  const hash = location.hash.replace(/^#\/?/, '');
  const [path, query = ''] = hash.split('?');
  const code = decodeURIComponent(path || NATIONAL);
  const measure = measureOf(new URLSearchParams(query).get('measure')).key;
  return { code, measure };
}

export function routeHref({ code, measure }) {
  return `#/${encodeURIComponent(code)}?${new URLSearchParams({ measure })}`;
}
