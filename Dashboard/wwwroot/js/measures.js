// The measures a map can be coloured by, keyed by their path in an OrgSummary (also the timeseries measure name).
import { formatCount, formatPercent } from './format.js';

const GROUPS = [
  ['truckDriver', '货车司机'],
  ['rideHailing', '网约车司机'],
  ['courier', '快递员'],
  ['foodDelivery', '外卖送餐员'],
  ['careWorker', '护工护理员'],
  ['domestic', '家政服务员'],
  ['mallSales', '商场信息员'],
  ['estateAgent', '房产中介员'],
  ['securityGuard', '保安员'],
];

export const MEASURES = [
  { key: 'rates.membership', label: '入会率', group: '覆盖', kind: 'rate' },
  { key: 'rates.unitCoverage', label: '建会率', group: '覆盖', kind: 'rate' },
  { key: 'rates.verification', label: '实名认证率', group: '覆盖', kind: 'rate' },
  { key: 'rates.newEmployment', label: '新就业形态入会率', group: '新就业形态', kind: 'rate' },
  ...GROUPS.map(([key, label]) => ({ key: `rates.newEmploymentByGroup.${key}`, label: `${label}入会率`, group: '新就业形态', kind: 'rate' })),
  { key: 'totals.stationVisits.today', label: '驿站今日服务人次', group: '驿站', kind: 'count' },
];

export const DEFAULT_MEASURE = MEASURES[0].key;

export const measureOf = key => MEASURES.find(m => m.key === key) ?? MEASURES[0];

export function valueOf(summary, key) {
  const value = key.split('.').reduce((node, part) => (node == null ? null : node[part]), summary);
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

export const formatMeasure = (measure, value) => (measure.kind === 'rate' ? formatPercent(value) : formatCount(value));
