import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempDir } from '@cxr/testkit';
import { loadDataset } from '../adapters/index.ts';
import { CHEXPERT_COLUMNS } from '../adapters/chexpert.ts';
import { CHEXPERT_LABELS } from '../adapters/label-lists.ts';
import { UNCERTAIN } from '../records.ts';
import { chexpertRows, type ChexpertPhantomRow } from './chexpert-layout.ts';
import { planPhantomLayout } from './layouts.ts';
import { DEFAULT_PHANTOM_SPEC, type PhantomLabel } from './spec.ts';
import { writePhantomDataset } from './write-dataset.ts';

const { dir, cleanup } = makeTempDir('phantom-chexpert');
after(cleanup);

const CELL: Record<string, number> = { '1.0': 1, '0.0': 0, '-1.0': UNCERTAIN, '': 0 };

/** Share of train rows whose label under a policy (uncertain -> `u`) equals the truth. */
function agreement(rows: ChexpertPhantomRow[], obs: string, finding: PhantomLabel, u: number): number {
  const ok = rows.filter((r) => {
    const c = r.cells[obs];
    const y = c === '-1.0' ? u : c === '1.0' ? 1 : 0;
    return y === (r.row.params.findings[finding] ? 1 : 0);
  });
  return ok.length / rows.length;
}

describe('phantom in CheXpert-v1.0-small layout', () => {
  // More atelectasis than the default so 48 rows surely hold uncertain cells.
  const small = {
    images: 48,
    size: 16,
    seed: 2,
    layout: 'chexpert' as const,
    spec: { prevalence: { ...DEFAULT_PHANTOM_SPEC.prevalence, 'laminar atelectasis': 0.4 } },
  };

  test('loadChexpert reads the written set: frontal and lateral views, patient data, 1/0/-1/blank cells, valid.csv as the test list', async () => {
    const out = join(dir, 'cx');
    const r = await writePhantomDataset({ outDir: out, ...small });
    assert.equal(r.csvPath, join(out, 'CheXpert-v1.0-small', 'train.csv'));
    assert.equal(readFileSync(r.csvPath, 'utf8').split('\n')[0], CHEXPERT_COLUMNS.join(','));
    const expected = new Map(chexpertRows(planPhantomLayout('chexpert', small), small.seed).map((row) => [row.path, row]));
    const ds = await loadDataset({ dataset: 'chexpert', dataDir: out, projections: ['Frontal', 'Lateral'] });
    assert.deepEqual(ds.problems, []);
    assert.equal(ds.records.length, 48, 'every row, laterals included');
    assert.deepEqual(ds.labelNames, CHEXPERT_LABELS);
    assert.ok(ds.records.some((x) => x.view === 'Lateral') && ds.records.some((x) => x.view === 'AP' || x.view === 'PA'));
    let uncertain = 0;
    for (const rec of ds.records) {
      const want = expected.get(rec.imageId)!;
      assert.ok(want, rec.imageId);
      assert.match(rec.imageId, /^CheXpert-v1\.0-small\/(train|valid)\/patient\d{5}\/study\d+\/view[12]_(frontal|lateral)\.png$/);
      assert.ok(existsSync(rec.path), rec.path);
      assert.deepEqual(
        [...rec.labels],
        CHEXPERT_LABELS.map((l) => CELL[want.cells[l]!]),
        rec.imageId,
      );
      uncertain += rec.labels.filter((v) => v === UNCERTAIN).length;
      assert.deepEqual([rec.sex, rec.age], [want.sex, want.age]);
      assert.equal(rec.view, want.frontalLateral === 'Lateral' ? 'Lateral' : want.apPa);
      assert.equal(want.valid, rec.imageId.includes('/valid/'));
    }
    assert.ok(uncertain > 0, 'some uncertain cells');
    assert.equal(readFileSync(join(out, 'phantom-truth.csv'), 'utf8').trim().split('\n').length, 49, 'truth: header + one line per image');
    const split = ds.officialSplit!;
    assert.deepEqual(
      [...split.test].sort(),
      [...expected.values()]
        .filter((x) => x.valid)
        .map((x) => x.path)
        .sort(),
    );
    assert.ok(split.test.length > 0, 'valid.csv is not empty');
    const text = readFileSync(r.csvPath, 'utf8');
    assert.match(text, /,,/, 'blank cells');
    assert.match(text, /,-1\.0/, 'uncertain cells');
  });

  test('uncertainty carries signal: U-Ones is right for atelectasis and edema, U-Zeros for cardiomegaly (plan only)', () => {
    const rows = chexpertRows(planPhantomLayout('chexpert', { images: 3000, seed: 1 }), 1).filter((r) => !r.valid);
    const positiveShare = (obs: string, finding: PhantomLabel): number => {
      const unc = rows.filter((r) => r.cells[obs] === '-1.0');
      return unc.filter((r) => r.row.params.findings[finding]).length / unc.length;
    };
    for (const [obs, finding] of [
      ['Atelectasis', 'laminar atelectasis'],
      ['Edema', 'interstitial pattern'],
    ] as const) {
      const share = positiveShare(obs, finding);
      assert.ok(share > 0.8, `${obs}: ${share.toFixed(2)} of the uncertain cells are true positives`);
      const ones = agreement(rows, obs, finding, 1);
      const zeros = agreement(rows, obs, finding, 0);
      assert.ok(ones > zeros + 0.02, `${obs}: U-Ones agrees with the truth on ${ones.toFixed(4)}, U-Zeros on ${zeros.toFixed(4)}`);
    }
    const share = positiveShare('Cardiomegaly', 'cardiomegaly');
    assert.ok(share < 0.15, `cardiomegaly: only ${share.toFixed(2)} of the uncertain cells are true positives`);
    const ones = agreement(rows, 'Cardiomegaly', 'cardiomegaly', 1);
    const zeros = agreement(rows, 'Cardiomegaly', 'cardiomegaly', 0);
    assert.ok(zeros > ones + 0.02, `cardiomegaly: U-Zeros agrees on ${zeros.toFixed(4)}, U-Ones on ${ones.toFixed(4)}`);
    const valid = chexpertRows(planPhantomLayout('chexpert', { images: 600, seed: 1 }), 1).filter((r) => r.valid);
    assert.ok(valid.length > 0);
    assert.ok(
      valid.every((r) => Object.values(r.cells).every((c) => c === '1.0' || c === '0.0')),
      'valid.csv holds the truth as 1.0 / 0.0',
    );
  });
});
