// Copies the minified browser builds of the front-end libraries into wwwroot/lib (build output, not committed).
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const packageDir = name => dirname(require.resolve(`${name}/package.json`));
const lib = new URL('../wwwroot/lib/', import.meta.url);

// The page imports ECharts as an ES module; SignalR's browser build is a classic script exposing window.signalR.
const files = [
  [join(packageDir('echarts'), 'dist', 'echarts.esm.min.mjs'), 'echarts.esm.min.js'],
  [join(packageDir('@microsoft/signalr'), 'dist', 'browser', 'signalr.min.js'), 'signalr.min.js'],
];

rmSync(lib, { recursive: true, force: true });
mkdirSync(lib, { recursive: true });
for (const [from, name] of files) {
  copyFileSync(from, new URL(name, lib));
  console.log(`${name} ← ${from}`);
}
