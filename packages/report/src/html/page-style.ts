/**
 * The pages' one stylesheet, inlined: the system font stack (no font file), striped tables whose
 * numbers line up, the best row and significant rows marked, and print rules (no backgrounds lost,
 * no chart split across pages).
 */
export const PAGE_CSS = `
:root { color-scheme: light; --ink: #1f2933; --muted: #616e7c; --rule: #d9dde3; --stripe: #f5f6f8; --best: #fef3c7; --sig: #fff1e6; --accent: #2563eb; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1180px; padding: 24px 32px 64px; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--ink); background: #fff; }
h1 { font-size: 26px; margin: 0 0 4px; }
h2 { font-size: 19px; margin: 36px 0 8px; padding-bottom: 4px; border-bottom: 1px solid var(--rule); }
h3 { font-size: 16px; margin: 20px 0 6px; }
p, li { max-width: 80ch; }
.lede { color: var(--muted); margin-top: 0; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 12px 0; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; }
code, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 13px; }
table { border-collapse: collapse; margin: 8px 0 12px; font-size: 14px; }
th, td { padding: 4px 10px; border-bottom: 1px solid var(--rule); text-align: left; vertical-align: top; }
th { background: #eef0f3; font-weight: 600; }
tbody tr:nth-child(even) { background: var(--stripe); }
.scroll { overflow-x: auto; max-width: 100%; }
table.wide { font-size: 13px; }
table.wide th, table.wide td { padding: 4px 7px; }
td.verdict { min-width: 18ch; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr.best { background: var(--best) !important; font-weight: 600; }
tr.best td.level::after { content: " ★ best"; color: #b45309; font-size: 12px; }
tr.significant { background: var(--sig) !important; }
.status { display: inline-block; min-width: 64px; padding: 0 6px; border-radius: 4px; font-size: 12px; text-align: center; }
.status-done { background: #dcfce7; color: #166534; }
.status-running { background: #dbeafe; color: #1e40af; }
.status-pending { background: #f3f4f6; color: #4b5563; }
.status-failed { background: #fee2e2; color: #991b1b; }
.yes { color: #166534; }
.no { color: #991b1b; font-weight: 600; }
figure { margin: 16px 0 24px; break-inside: avoid; }
figure svg { max-width: 100%; height: auto; }
figcaption { color: var(--muted); font-size: 13px; }
details { margin: 8px 0; }
summary { cursor: pointer; color: var(--accent); }
.download { display: inline-block; margin: 8px 0; padding: 4px 12px; border: 1px solid var(--accent); border-radius: 4px; color: var(--accent); text-decoration: none; }
.errors li { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 13px; }
@media print {
  body { max-width: none; padding: 0; font-size: 11pt; }
  tr.best, tr.significant, tbody tr:nth-child(even), .status { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  details > summary, .download { display: none; }
  h2 { break-after: avoid; }
  table { break-inside: avoid; }
  .scroll { overflow: visible; }
}
`;
