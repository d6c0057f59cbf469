// The path from 全国 down to the selected org; every step but the last links to its view.
import { escapeHtml } from './escape-html.js';
import { NATIONAL, routeHref } from './route.js';

export function renderBreadcrumb(element, chain, measure) {
  element.innerHTML = chain.map((org, i) => {
    const name = escapeHtml(org.code === NATIONAL ? '全国' : org.name);
    return i === chain.length - 1
      ? `<span aria-current="page" data-code="${escapeHtml(org.code)}">${name}</span>`
      : `<a href="${routeHref({ code: org.code, measure })}" data-code="${escapeHtml(org.code)}">${name}</a>`;
  }).join('<span class="separator" aria-hidden="true">›</span>');
}
