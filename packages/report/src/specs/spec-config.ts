/**
 * What every spec of the report shares: one generic font family (no font file is ever fetched,
 * and a page renders the same on any machine) and the report's colours. The specs carry no
 * `$schema` URL: a page must hold no network address at all (they are Vega-Lite 6 specs).
 */
import type { Config } from 'vega-lite';

export const COLORS = {
  ink: '#1f2933',
  muted: '#7b8794',
  accent: '#2563eb',
  significant: '#c2410c',
  highlight: '#fef3c7',
  stripe: '#f3f4f6',
} as const;

export const SPEC_CONFIG: Config = {
  font: 'sans-serif',
  background: 'white',
  view: { stroke: null },
  // level names and comparison labels are long ('weighted-bce − class-balanced focal (AUC-ROC)'): no truncation
  axis: { labelFontSize: 11, titleFontSize: 12, labelColor: COLORS.ink, titleColor: COLORS.ink, labelLimit: 500 },
  legend: { labelFontSize: 11, titleFontSize: 12, labelLimit: 400, titleLimit: 400 },
  title: { fontSize: 14, anchor: 'start', color: COLORS.ink },
};
