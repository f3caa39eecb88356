// Loading cost at PadChest's scale: a 160,000-row label CSV with all 36 columns and a free-text
// report per row (quoted commas and quotes), plus the patient-level stratified split of the kept
// rows. Images are not written; the load runs once with checkImages off (pure parsing) and once on
// (one directory listing per ImageDir folder, every image reported missing). Prints medians.
// Run: npx tsx packages/data/src/adapters/load-dataset.bench.ts [--runs=3] [--rows=160000]
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createRng } from '../random/index.ts';
import { PADCHEST_THESIS_LABELS } from './label-lists.ts';
import { loadDataset } from './load-dataset.ts';
import { PADCHEST_COLUMNS, PADCHEST_CSV_NAME } from './padchest.ts';
import { splitByPatient } from './splits/index.ts';
import { csvLine } from './testing/fixtures.ts';

const arg = (name: string, fallback: number): number => {
  const hit = process.argv.find((a) => a.startsWith(`--${name}=`));
  return hit ? Number(hit.split('=')[1]) : fallback;
};
const runs = arg('runs', 3);
const rows = arg('rows', 160_000);

const dir = mkdtempSync(join(tmpdir(), 'cxr-bench-padchest-'));
try {
  const rng = createRng(1, 'bench');
  const views = ['PA', 'PA', 'PA', 'L', 'L', 'AP_horizontal'];
  const lines = [csvLine(PADCHEST_COLUMNS)];
  for (let i = 0; i < rows; i++) {
    const labels = PADCHEST_THESIS_LABELS.filter(() => rng.next() < 0.08);
    const v: Record<string, string> = {
      '': String(i),
      ImageID: `${i}_img.png`,
      ImageDir: String(i % 55),
      StudyDate_DICOM: '20140512',
      StudyID: `s${Math.floor(i / 2)}`,
      PatientID: `p${Math.floor(i / 3)}`,
      PatientBirth: '1950.0',
      PatientSex_DICOM: i % 2 ? 'M' : 'F',
      Projection: views[i % views.length]!,
      Report: 'cardiomegalia leve, elongacion "aortica", sin derrame pleural, senos costofrenicos libres.',
      Labels: `[${labels.map((l) => `'${l}'`).join(', ')}]`,
      Localizations: "['loc left']",
    };
    lines.push(csvLine(PADCHEST_COLUMNS.map((c) => v[c] ?? '')));
  }
  writeFileSync(join(dir, PADCHEST_CSV_NAME), `${lines.join('\n')}\n`);
  for (let d = 0; d < 55; d++) mkdirSync(join(dir, String(d)));

  const median = async (fn: () => Promise<unknown>): Promise<number> => {
    const times: number[] = [];
    for (let r = 0; r < runs; r++) {
      const t0 = performance.now();
      await fn();
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    return times[Math.floor(times.length / 2)]! / 1000;
  };
  const parse = await median(() => loadDataset({ dataset: 'padchest', dataDir: dir, checkImages: false }));
  const check = await median(() => loadDataset({ dataset: 'padchest', dataDir: dir }));
  const ds = await loadDataset({ dataset: 'padchest', dataDir: dir, checkImages: false });
  const split = await median(async () => splitByPatient(ds.records, { seed: 1 }));
  console.log(`PadChest-shaped CSV, ${rows} rows (${ds.records.length} PA kept), median of ${runs}:`);
  console.log(`  load, no image check      ${parse.toFixed(2)} s  (${Math.round(rows / parse)} rows/s)`);
  console.log(`  load, image check (55 dirs) ${check.toFixed(2)} s`);
  console.log(
    `  stratified patient split  ${split.toFixed(2)} s  (${new Set(ds.records.map((r) => r.patientId)).size} patients, 10 labels)`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
