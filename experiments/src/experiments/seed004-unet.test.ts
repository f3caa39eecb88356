/**
 * The seed004-unet definition: Table 2's quoted columns (against the seed's lines and NIH's label
 * names), the seed's protocol under paper, and one smoke cell trained on the NIH-layout phantom.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { NIH_LABELS } from '@cxr/data';
import { rampFactor, runExperiment } from '@cxr/train';
import { resolveExperiment } from './resolve-experiment.ts';
import { smokeCell } from './testing/smoke-cell.ts';
import { SEED004_QUOTED_COLUMNS, SEED004_WANG, seed004Unet } from './seed004-unet.ts';

describe('seed004-unet', () => {
  it("quotes Table 2's three columns on NIH's label names, with document and table as the source", () => {
    const all = [...NIH_LABELS, 'No Finding'];
    assert.deepEqual(Object.keys(SEED004_WANG.auc), NIH_LABELS, 'Wang et al. has no No Finding ("--")');
    for (const c of SEED004_QUOTED_COLUMNS) assert.deepEqual(Object.keys(c.auc), all);
    // spot checks against 004 lines 632, 641 and 646
    assert.equal(SEED004_WANG.auc['Atelectasis'], 0.716);
    assert.equal(SEED004_QUOTED_COLUMNS[0]!.auc['Edema'], 0.882);
    assert.equal(SEED004_QUOTED_COLUMNS[1]!.auc['No Finding'], 0.72);
    for (const c of [SEED004_WANG, ...SEED004_QUOTED_COLUMNS])
      assert.match(c.source, /seed 004 \(\.\.\/shared\/seeds\/004_750858fd0b45de5c\.txt\), Table 2 \(lines 629-646\)/);
    assert.equal(seed004Unet.clinical!.reference, SEED004_WANG);
  });

  it("resolves the seed's protocol under paper; its schedule gives Table 1's learning rates", () => {
    for (const profile of ['smoke', 'default', 'paper']) assert.equal(resolveExperiment('seed004-unet', { profile }).cells.length, 2 * 3);
    const paper = resolveExperiment('seed004-unet', { profile: 'paper' });
    const c = paper.cells[0]!.config;
    assert.deepEqual(
      [c.model.backbone, c.image.channels, c.image.normalization, c.augment, c.split.fractions, c.schedule.earlyStopping?.patience],
      [
        'residual-unet',
        1,
        'samplewise',
        {
          rotationDeg: 3,
          zoom: 0.15,
          translate: 0.1,
          translateX: 0.1,
          translateY: 0.05,
          brightness: 0,
          noise: 0,
          fill: 'reflect',
          flip: true,
        },
        [0.56, 0.24, 0.2],
        2,
      ],
    );
    assert.equal(paper.cells.find((x) => x.level === 'U-Net')!.config.model.backbone, 'unet');
    // Table 1 (004 lines 549-565): epochs 1, 2, 9, 10, 17
    const lr = (epoch: number) => c.optimizer.lrHead * rampFactor(c.schedule.rampup!, epoch - 1);
    for (const [epoch, want] of [
      [1, 2e-6],
      [2, 1.425e-5],
      [9, 1e-4],
      [10, 8e-5],
      [17, 1.677721e-5],
    ] as const)
      assert.ok(Math.abs(lr(epoch) - want) < 1e-10, `epoch ${epoch}: ${lr(epoch)} vs ${want}`);
  });

  it('trains a smoke cell (residual U-Net, gray, samplewise, flip) and stores binary accuracy and per-label AUC', async () => {
    const { cell, store, request } = await smokeCell('seed004-unet');
    const out = await runExperiment(request);
    const run = store.getRun(out.runId);
    assert.equal(run.configHash, cell.configHash);
    assert.ok(Number.isFinite(run.metrics['val']!['binary_accuracy']) && Number.isFinite(run.metrics['test']!['binary_accuracy']));
    assert.ok(store.getLabelMetrics(out.runId).some((m) => m.name === 'auc_roc'));
  });
});
