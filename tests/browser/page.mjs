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
