import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { parse } from 'csv-parse/sync';
import { buildReportModel } from '../build-report-model.ts';
import type { ReportModel } from '../report-types.ts';
import { buildFixtureStore, FIXTURE_LOSS_EXPERIMENT, FIXTURE_UNFREEZE_EXPERIMENT } from '../testing/index.ts';
import { latexEscape } from './latex-escape.ts';
import { renderLatex } from './render-latex.ts';
import { renderMarkdown } from './render-markdown.ts';
import { runsCsv } from './runs-csv.ts';
import { runsJson } from './runs-json.ts';

const store = buildFixtureStore();
after(() => store.close());
const unfreeze = buildReportModel(store, FIXTURE_UNFREEZE_EXPERIMENT);
const loss = buildReportModel(store, FIXTURE_LOSS_EXPERIMENT);

/** The model with labels full of Markdown and LaTeX specials, to check escaping. */
function withSpecialLabels(model: ReportModel): ReportModel {
  const rename = (l: string) => (l === '90 %' ? 'a & b_c | {90 %} #1 $x ~^\\' : l);
  return {
    ...model,
    levels: model.levels.map((l) => ({ ...l, label: rename(l.label) })),
    comparisons: model.comparisons.map((c) => ({ ...c, a: rename(c.a), b: rename(c.b) })),
  };
}

/** The Markdown tables of a document: each a list of rows of cell texts (unescaped), separator rows dropped. */
function markdownTables(md: string): string[][][] {
  const tables: string[][][] = [];
  let current: string[][] | null = null;
  for (const line of md.split('\n')) {
    if (!line.startsWith('|')) {
      current = null;
      continue;
    }
    const cells = line
      .slice(2, -2)
      .split(/ (?<!\\)\| /)
      .map((c) => c.replace(/\\\|/g, '|'));
    if (cells.every((c) => /^:?-+:?$/.test(c))) continue;
    if (!current) tables.push((current = []));
    current.push(cells);
  }
  return tables;
}

const num = (s: string) => Number(s.replace(/\*\*/g, ''));
/** |printed - exact| within half a unit of the last printed decimal (plus float noise: 0.1785 prints as 0.178). */
const within = (printed: number, exact: number, digits: number) => Math.abs(printed - exact) <= 0.5 * 10 ** -digits + 1e-12;

describe('renderMarkdown', () => {
  const md = renderMarkdown(unfreeze);

  test('the mirrored table round-trips its numbers (mean ± sd to 3 decimals, params, seeds) with the best of each column in bold', () => {
    const [levels] = markdownTables(md);
    const [header, ...rows] = levels!;
    assert.deepEqual(header, [
      'Level',
      'Regime',
      'Params (M, trainable)',
      'AUC-ROC',
      'PR-AUC',
      'Seeds done',
      'Thesis AUC-ROC',
      'Thesis PR-AUC',
    ]);
    assert.equal(rows.length, unfreeze.levels.length);
    rows.forEach((cells, i) => {
      const level = unfreeze.levels[i]!;
      assert.equal(cells[0], level.label);
      assert.ok(within(num(cells[2]!), level.paramsMillions!, 2));
      for (const [j, metric] of [
        [3, 'macro_auc_roc'],
        [4, 'macro_pr_auc'],
      ] as const) {
        const s = level.metrics[metric]!;
        const m = /^(\*\*)?([\d.]+)(?: ± ([\d.]+)| \(n = (\d+)\))(\*\*)?$/.exec(cells[j]!);
        assert.ok(m, cells[j]);
        assert.ok(within(Number(m[2]), s.mean, 3));
        if (m[3] !== undefined) assert.ok(within(Number(m[3]), s.sd, 3));
        else assert.equal(Number(m[4]), s.n);
        assert.equal(m[1] === '**', level.label === '90 %', `bold ${level.label} ${metric}`);
      }
      assert.equal(cells[5], `${level.seedsDone}/${level.seedsPlanned}`);
      const published = /^([\d.]+) ± ([\d.]+)$/.exec(cells[6]!)!;
      assert.deepEqual(
        [Number(published[1]), Number(published[2])],
        [level.published!.macro_auc_roc!.mean, level.published!.macro_auc_roc!.sd],
      );
    });
  });

  test('the comparison table round-trips its numbers; not computable rows say why', () => {
    const [, comparisons] = markdownTables(md);
    const [header, ...rows] = comparisons!;
    assert.equal(header!.length, 16);
    assert.equal(rows.length, unfreeze.comparisons.length);
    rows.forEach((cells, i) => {
      const c = unfreeze.comparisons[i]!;
      assert.deepEqual(cells.slice(0, 2), [c.a, c.b]);
      if (c.notComputable !== null) {
        assert.equal(cells[10], `not computable: ${c.notComputable}`);
        assert.equal(cells[3], '—');
        return;
      }
      assert.ok(within(num(cells[3]!), c.difference, 4));
      const [lo, hi] = cells[4]!.slice(1, -1).split(', ').map(Number);
      assert.ok(within(lo!, c.ci[0], 4) && within(hi!, c.ci[1], 4));
      assert.ok(within(num(cells[5]!), c.t, 2));
      assert.ok(within(num(cells[6]!), c.df, 2));
      assert.ok(within(num(cells[7]!), c.tCritical, 2));
      for (const [j, p] of [
        [8, c.p],
        [9, c.pAdjusted],
      ] as const) {
        const text = cells[j]!.replace(/\*\*/g, '');
        if (text === '< 0.001') assert.ok(p < 0.001);
        else assert.ok(within(Number(text), p, 3));
      }
      assert.equal(cells[9]!.startsWith('**'), c.significant);
      assert.equal(cells[10], c.verdict);
      assert.ok(within(num(cells[11]!), c.hedgesG, 2));
      assert.ok(within(num(cells[12]!), c.minimumDetectable, 4));
      assert.equal(cells[13], String(c.seedsNeeded));
    });
    assert.deepEqual(rows[0]!.slice(14), ['0.6', 'same direction, same verdict']);
  });

  test('pipes in labels are escaped, the notes follow as a list, output is stable', () => {
    const special = renderMarkdown(withSpecialLabels(unfreeze));
    assert.ok(special.includes('| a & b_c \\| {90 %} #1 $x ~^\\ |'));
    assert.equal(markdownTables(special)[0]![3]![0], 'a & b_c | {90 %} #1 $x ~^\\');
    assert.ok(md.includes(`\n### Notes\n\n- ${unfreeze.notes[0]}\n`));
    assert.equal(renderMarkdown(unfreeze), md);
    // No regime and no parameter columns when the model has none.
    const bare = renderMarkdown({ ...loss, levels: loss.levels.map((l) => ({ ...l, regime: '' })), comparisons: [], notes: [] });
    assert.deepEqual(markdownTables(bare)[0]![0], ['Level', 'AUC-ROC', 'PR-AUC', 'Brier', 'Seeds done', 'Thesis AUC-ROC', 'Thesis PR-AUC']);
    assert.ok(!bare.includes('### Comparisons') && !bare.includes('### Notes'));
  });
});

/** Structural checks a LaTeX table fragment must pass to compile (no TeX install needed). */
function checkLatexFragment(tex: string): void {
  const body = tex
    .split('\n')
    .filter((l) => !l.startsWith('%'))
    .join('\n');
  // Escaped braces and dollars are text; what is left must balance.
  const plain = body.replace(/\\[{}$&%#_]/g, '');
  let depth = 0;
  for (const ch of plain) {
    depth += ch === '{' ? 1 : ch === '}' ? -1 : 0;
    assert.ok(depth >= 0, 'a } closes nothing');
  }
  assert.equal(depth, 0, 'unbalanced braces');
  const envs = [...body.matchAll(/\\(begin|end)\{(\w+)\}/g)];
  const stack: string[] = [];
  for (const [, kind, name] of envs) {
    if (kind === 'begin') stack.push(name!);
    else assert.equal(stack.pop(), name, `\\end{${name}} closes another environment`);
  }
  assert.deepEqual(stack, []);
  for (const table of body.split('\\begin{tabular}').slice(1)) {
    const spec = /^\{([lrc]+)\}/.exec(table)![1]!;
    const inner = table.slice(0, table.indexOf('\\end{tabular}'));
    const rules = ['\\toprule', '\\midrule', '\\bottomrule'].map((r) => inner.indexOf(r));
    assert.ok(rules[0]! > 0 && rules[0]! < rules[1]! && rules[1]! < rules[2]!, 'booktabs rules in order');
    const rows = inner
      .split('\n')
      .slice(1)
      .filter((l) => l.endsWith('\\\\'));
    assert.ok(rows.length >= 2);
    for (const row of rows) {
      const line = row.replace(/\\&/g, '');
      assert.equal((line.replace(/\\\$/g, '').match(/\$/g) ?? []).length % 2, 0, `unbalanced $ in ${row}`);
      const span = /^\\multicolumn\{(\d+)\}/.exec(line);
      const columns = span ? Number(span[1]) : line.split('&').length;
      assert.equal(columns, spec.length, `column count of ${row}`);
    }
  }
}

describe('renderLatex', () => {
  test('booktabs fragments that are structurally valid, for both experiments and with special labels', () => {
    for (const model of [unfreeze, loss, withSpecialLabels(unfreeze)]) checkLatexFragment(renderLatex(model));
  });

  test('mean $\\pm$ sd, best in \\textbf, significance marks with the footnote naming the test and correction', () => {
    const tex = renderLatex(unfreeze);
    assert.ok(
      tex.includes(
        '90 \\% & extensive fine-tuning & 5.00 & \\textbf{0.739} $\\pm$ \\textbf{0.002} & \\textbf{0.184} $\\pm$ \\textbf{0.005} & 3/3',
      ),
    );
    assert.ok(tex.includes('0 \\% & head only & 0.40 & 0.613 $\\pm$ 0.005'));
    const significant = unfreeze.comparisons.filter((c) => c.significant).length;
    assert.equal((tex.match(/\d\^\{\*\}\$ &/g) ?? []).length, significant);
    assert.match(
      tex,
      /\\footnotesize \$\^\{\*\}\$ \$p_\{adj\} < 0\.05\$: Welch's two-sided \$t\$-test .* adjusted by Holm over the experiment's 6 computable comparisons/,
    );
    assert.match(renderLatex(loss), /adjusted by Benjamini-Hochberg/);
    assert.equal(renderLatex(unfreeze), tex);
  });

  test('labels are escaped', () => {
    assert.ok(
      renderLatex(withSpecialLabels(unfreeze)).includes(
        'a \\& b\\_c | \\{90 \\%\\} \\#1 \\$x \\textasciitilde{}\\textasciicircum{}\\textbackslash{} & extensive',
      ),
    );
    assert.equal(latexEscape('50 %\nx'), '50 \\% x');
  });
});

describe('runsCsv and runsJson', () => {
  test('one CSV row per run that csv-parse reads back: identity columns, then every stored metric', () => {
    const csv = runsCsv([unfreeze, loss]);
    assert.ok(csv.endsWith('\r\n'));
    const records = parse(csv, { columns: true }) as Record<string, string>[];
    const runs = [...unfreeze.runs.map((r) => ['fixture-unfreeze', r] as const), ...loss.runs.map((r) => ['fixture-loss', r] as const)];
    assert.equal(records.length, runs.length);
    assert.deepEqual(Object.keys(records[0]!), [
      'experiment',
      'level',
      'seed',
      'status',
      'config_hash',
      'dataset_fingerprint',
      'test.brier',
      'test.loss',
      'test.macro_auc_roc',
      'test.macro_pr_auc',
      'val.loss',
      'val.macro_auc_roc',
      'val.macro_pr_auc',
    ]);
    records.forEach((rec, i) => {
      const [experiment, run] = runs[i]!;
      assert.deepEqual(
        [rec.experiment, rec.level, Number(rec.seed), rec.status, rec.config_hash, rec.dataset_fingerprint],
        [experiment, run.level, run.seed, run.status, run.configHash, run.datasetFingerprint],
      );
      for (const [key, value] of Object.entries(run.metrics)) assert.equal(Number(rec[key]), value);
      if (run.status !== 'done') assert.equal(rec['test.macro_auc_roc'], '');
    });
  });

  test('runsJson: the same rows as objects, sorted keys, nulls for missing metrics, stable bytes', () => {
    const json = runsJson([unfreeze, loss]);
    const rows = JSON.parse(json) as Record<string, unknown>[];
    const records = parse(runsCsv([unfreeze, loss]), { columns: true }) as Record<string, string>[];
    assert.equal(rows.length, records.length);
    rows.forEach((row, i) => {
      assert.deepEqual(Object.keys(row), Object.keys(row).sort());
      for (const [key, text] of Object.entries(records[i]!)) assert.equal(row[key] === null ? '' : String(row[key]), text);
    });
    assert.equal(rows.find((r) => r.status === 'pending')!['test.macro_auc_roc'], null);
    assert.equal(runsJson([unfreeze, loss]), json);
    assert.equal(runsJson([]), '[]\n');
  });
});
