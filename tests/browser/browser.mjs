// Shared by the scenarios: Debian's Chromium through playwright-core, a fresh profile per run, and checks.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

export async function launch() {
  const profile = mkdtempSync(join(tmpdir(), 'coverage-browser-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1600, height: 900 },
    locale: 'zh-CN',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  const page = context.pages()[0] ?? await context.newPage();
  const errors = [];
  page.on('pageerror', error => errors.push(error.message));
  return {
    page,
    errors,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export function baseUrlFrom(argv) {
  const base = argv[2];
  if (!base) fail(`usage: node ${argv[1].split('/').pop()} <baseUrl> …`);
  return base.replace(/\/$/, '');
}

export const passed = message => console.log(`ok: ${message}`);

export function check(condition, message) {
  if (!condition) throw new Error(message);
  passed(message);
}

export function fail(message) {
  console.error(`FAIL: ${message}`);
  process.exit(1);
}

// Runs a scenario: prints each check, exits 0 when all pass, non-zero with the reason otherwise.
export async function run(scenario) {
  let browser;
  try {
    await scenario(async () => (browser = await launch()));
    if (browser?.errors.length) throw new Error(`page errors: ${browser.errors.join(' | ')}`);
    console.log('PASS');
  } catch (error) {
    console.error(`FAIL: ${error.message}`);
    process.exitCode = 1;
  } finally {
    await browser?.close();
  }
}

// Polls `probe` until it returns a truthy value (returned), or fails with `message` after `timeout` ms.
export async function poll(probe, { timeout, interval = 100, message }) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`${message} (waited ${timeout} ms)`);
    await new Promise(resolve => setTimeout(resolve, interval));
  }
}

// The page's map chart, read through the same ECharts module instance the page imported.
export const mapState = page => page.evaluate(async () => {
  const echarts = await import('/lib/echarts.esm.min.js');
  const option = echarts.getInstanceByDom(document.getElementById('map'))?.getOption();
  return {
    map: option?.geo?.[0]?.map ?? null,
    data: option?.series?.find(s => s.id === 'regions')?.data ?? [],
  };
});

// How many of the map's outline points are drawn under its colour legend (its bar and labels), and the legend's box.
export const mapPointsUnderLegend = page => page.evaluate(async () => {
  const echarts = await import('/lib/echarts.esm.min.js');
  const chart = echarts.getInstanceByDom(document.getElementById('map'));
  const legend = chart.getViewOfComponentModel(chart.getModel().getComponent('visualMap')).group;
  const box = { left: Infinity, top: Infinity, right: -Infinity, bottom: -Infinity };
  legend.traverse(element => {
    const drawn = element.type === 'polygon' || (element.type === 'text' && element.style.text);
    if (!drawn || element.invisible || element.ignore) return;
    const rect = element.getBoundingRect().clone();
    rect.applyTransform(element.getComputedTransform());
    box.left = Math.min(box.left, rect.x);
    box.top = Math.min(box.top, rect.y);
    box.right = Math.max(box.right, rect.x + rect.width);
    box.bottom = Math.max(box.bottom, rect.y + rect.height);
  });
  const { features } = echarts.getMap(chart.getOption().geo[0].map).geoJSON;
  let under = 0;
  for (const { geometry } of features) {
    const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
    for (const point of polygons.flat(2)) {
      const [x, y] = chart.convertToPixel({ geoIndex: 0 }, point);
      if (x >= box.left && x <= box.right && y >= box.top && y <= box.bottom) under++;
    }
  }
  return { under, box };
});

// Map items with a numeric value (regions coloured by data), optionally only those whose code matches.
export const colouredRegions = (state, pattern = /./) =>
  state.data.filter(d => typeof d.value === 'number' && pattern.test(d.name));
