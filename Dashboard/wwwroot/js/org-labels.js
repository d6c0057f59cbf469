// How the pages name an org's level and kind, as the exports do.
export const LEVEL_LABELS = { national: '全国', province: '省级', city: '市级', county: '县级', grassroots: '基层' };

export const KIND_LABELS = { zone: '开发区', industry: '产业工会', enterprise: '企业工会', joint: '联合基层工会', sector: '行业工会' };
