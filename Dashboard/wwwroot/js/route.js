// The shareable address of a view: #/<orgCode>?measure=<measure key>.
import { DEFAULT_MEASURE, measureOf } from './measures.js';

export const NATIONAL = '000000';

export function readRoute() {
  const hash = location.hash.replace(/^#\/?/, '');
  const [path, query = ''] = hash.split('?');
  const code = decodeURIComponent(path || NATIONAL);
  const measure = measureOf(new URLSearchParams(query).get('measure') ?? DEFAULT_MEASURE).key;
  return { code, measure };
}

export function routeHref({ code, measure }) {
  return `#/${encodeURIComponent(code)}?${new URLSearchParams({ measure })}`;
}
