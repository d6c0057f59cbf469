// Number and time formats in Chinese conventions: 万/亿 for large counts, one-decimal percentages.

const plain = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 0 });

export function formatCount(value) {
  if (value == null || !Number.isFinite(value)) return '—';
  if (Math.abs(value) < 1e4) return plain.format(value);
  const wan = (value / 1e4).toFixed(1);
  // Rounding can carry into the next unit (99,999,999 → 10000.0万), so decide on the rounded figure.
  return Math.abs(Number(wan)) < 1e4 ? `${wan}万` : `${(value / 1e8).toFixed(1)}亿`;
}

// A figure such as visits per station: two decimals below 10, one below 10,000, larger ones in 万 like counts.
export function formatDecimal(value) {
  if (value == null || !Number.isFinite(value)) return '—';
  if (Math.abs(value) >= 1e4) return formatCount(value);
  return value.toFixed(Math.abs(value) < 10 ? 2 : 1);
}

export function formatPercent(rate) {
  if (rate == null || !Number.isFinite(rate)) return '—';
  return `${(rate * 100).toFixed(1)}%`;
}

const clock = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
const stamp = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false });

export const formatClock = date => clock.format(date);

// A moment's day in China Standard Time, as the API's day parameters take it (2026-11-20).
export const chinaDate = date => date.toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });

// A report's day in China Standard Time: 11-20 within this year, 2025-11-20 before it.
export function formatDay(iso) {
  const date = iso ? new Date(iso) : null;
  if (!date || Number.isNaN(date.getTime())) return '—';
  const day = chinaDate(date);
  return day.slice(0, 4) === chinaDate(new Date()).slice(0, 4) ? day.slice(5) : day;
}

export function formatStamp(iso) {
  const date = iso ? new Date(iso) : null;
  return date && !Number.isNaN(date.getTime()) ? stamp.format(date) : '—';
}
