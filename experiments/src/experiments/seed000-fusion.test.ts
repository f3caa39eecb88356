/**
 * The seed000-fusion definition: its quoted tables (checked against the seed and NIH's label
 * names), its resolution under each profile, and one smoke cell of the two-input level trained
 * end to end: crashed after its first checkpoint, resumed, evaluated with the thresholded
 * metrics stored, its saved model predicting from image + patient data.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { NIH_LABELS } from '@cxr/data';
import { quotedTableHtml } from '@cxr/report';
import { loadRunModel, predictProbabilities, runExperiment } from '@cxr/train';
import { findExperiment } from './registry.ts';
import { resolveExperiment } from './resolve-experiment.ts';
import { smokeCell } from './testing/smoke-cell.ts';
import { SEED000_EPOCH_TABLE, SEED000_TABLE2_WEIGHTS, SEED000_TABLE3_WEIGHTS, seed000Fusion } from './seed000-fusion.ts';

describe('seed000-fusion', () => {
  it("quotes Table 2's weights for NIH's fourteen labels and Figure 19's fifteen epochs, with document and table as the source", () => {
    assert.deepEqual(Object.keys(SEED000_TABLE2_WEIGHTS).sort(), [...NIH_LABELS].sort());
    // spot checks against 000 lines 496, 517 and 646 (epoch 13, the seed's best by macro F1)
    assert.equal(SEED000_TABLE2_WEIGHTS['Hernia'], 3.0943);
    assert.equal(SEED000_TABLE3_WEIGHTS['Fibrosis'], 3.8);
    assert.equal(SEED000_EPOCH_TABLE.rows.length, 15);
    assert.deepEqual(SEED000_EPOCH_TABLE.rows[12], [13, 0.403, 0.4457, 0.4095, 0.3708, 0.3649, 0.3649, 0.7687]);
    assert.match(
      SEED000_EPOCH_TABLE.source,
      /seed 000 \(\.\.\/shared\/seeds\/000_0529bf746278147e\.txt\), Figure 19 table \(lines 634-651\)/,
    );
    assert.equal(findExperiment('seed000-fusion'), seed000Fusion);
    const html = quotedTableHtml(SEED000_EPOCH_TABLE);
    assert.match(html, /<td>0.7794<\/td>/);
    assert.match(html, /Source: seed 000/);
  });

  it('resolves under every profile: 3 levels x 3 seeds; paper is the seed protocol, smaller profiles name their stand-in', () => {
    for (const profile of ['smoke', 'default', 'paper']) {
      const r = resolveExperiment('seed000-fusion', { profile });
      assert.equal(r.cells.length, 9, profile);
      assert.equal(r.report.quotedTables?.length, 1, profile);
      const fusion = r.cells.find((c) => c.level === 'DenseNet121 + FPN + patient data')!.config;
      assert.deepEqual(
        [fusion.dataset.name, fusion.split.officialTest, fusion.model.patientInputs],
        ['nih', true, ['age', 'sex', 'view']],
        profile,
      );
      assert.ok(fusion.model.featurePyramid && fusion.sampling.balance, profile);
      const plain = r.cells.find((c) => c.level === 'DenseNet121')!.config;
      assert.deepEqual([plain.model.featurePyramid, plain.model.patientInputs], [null, null], profile);
    }
    const paper = resolveExperiment('seed000-fusion', { profile: 'paper' }).cells.at(-1)!.config;
    assert.deepEqual(
      [paper.model.backbone, paper.model.featurePyramid, paper.image.size, paper.epochs, paper.batchSize, paper.optimizer.lrHead],
      ['densenet121', { channels: 256, projection: 256 }, 224, 15, 160, 1e-3],
    );
    assert.deepEqual(
      [paper.schedule.monitor, paper.schedule.plateau!.patience, paper.schedule.plateau!.factor, paper.schedule.bestBy],
      ['val_loss', 2, 0.5, 'val_macro_f1'],
    );
    // section 2.3.6: mirrored duplicates below 3,000, replicas up to 1,500, then No Finding 25 % and Atelectasis 50 %
    assert.deepEqual(paper.sampling.balance, {
      noFindingKeep: 0.1,
      duplicateBelow: 3000,
      floor: 1500,
      mirrorDuplicates: true,
      trainKeep: { 'No Finding': 0.25, Atelectasis: 0.5 },
    });
    // section 3.1: the run's thresholds needed precision >= 0.40
    assert.deepEqual([paper.thresholds, paper.thresholdMinPrecision, paper.loss.weights], ['dynamic', 0.4, SEED000_TABLE2_WEIGHTS]);
    const def = resolveExperiment('seed000-fusion', { profile: 'default' });
    const defCell = def.cells[0]!.config;
    assert.deepEqual(
      [defCell.model.init, defCell.sampling.balance?.mirrorDuplicates, defCell.sampling.balance?.trainKeep, defCell.loss.weights],
      ['pretrained', true, { 'No Finding': 0.25, Atelectasis: 0.5 }, undefined],
      'default: pretrained stand-in, the seed balancing at scaled floors, weights computed',
    );
    assert.match(def.report.description!, /Under profile 'default' the runs train custom-densenet in place of densenet121\./);
  });

  it('trains the two-input smoke cell: crash after epoch 1, resume, thresholded metrics stored, saved model predicts with patient data', async () => {
    const { cell, store, request } = await smokeCell('seed000-fusion', (c) => c.level === 'DenseNet121 + FPN + patient data');
    const crash = {
      afterCheckpoint: (epoch: number) => {
        if (epoch === 1) throw new Error('simulated crash after epoch 1');
      },
    };
    await assert.rejects(runExperiment({ ...request, hooks: crash }), /simulated crash after epoch 1/);
    const out = await runExperiment({ ...request, staleAfterMs: 0 });
    assert.equal(out.status, 'done');
    assert.equal(out.resumedEpochs, 1);
    assert.equal(store.getRun(out.runId).configHash, cell.configHash);
    const names = new Set(store.getMetrics(out.runId).map((m) => `${m.split}.${m.name}`));
    for (const m of [
      'test.macro_f1',
      'test.exact_match_ratio',
      'test.hamming_loss',
      'test.macro_f1_youden',
      'test.hamming_loss_min_precision',
      'test.macro_auc_roc',
    ])
      assert.ok(names.has(m), m);
    const perLabel = new Set(store.getLabelMetrics(out.runId).map((m) => m.name));
    for (const m of ['threshold', 'precision', 'recall', 'f1']) assert.ok(perLabel.has(m), m);
    assert.ok(
      store.getEpochs(out.runId).every((e) => Number.isFinite(e.metrics['macro_f1'])),
      'val_macro_f1 recorded per epoch',
    );

    const loaded = await loadRunModel(store, out.runId, { weightsRoot: request.weightsRoot });
    try {
      assert.deepEqual(loaded.meta.patientInputs, ['age', 'sex', 'view']);
      assert.equal(loaded.model.inputs.length, 2);
      const image = loaded.config.image;
      const x = new Float32Array(image.size * image.size * image.channels).fill(0.3);
      const [p] = await predictProbabilities(loaded.model, [x], image, [Float32Array.of(0.7, 1, 1)]);
      assert.equal(p!.length, loaded.labelNames.length);
      assert.ok(p!.every((v) => v > 0 && v < 1));
    } finally {
      loaded.model.dispose();
    }
    assert.ok(tf.memory().numTensors >= 0);
  });
});
