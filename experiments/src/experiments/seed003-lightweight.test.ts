/**
 * The seed003-lightweight definition: the grid under each profile, the seed's protocol under
 * paper, and one smoke cell trained on the NIH-layout phantom with the 0.5-threshold metrics stored.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runExperiment } from '@cxr/train';
import { resolveExperiment } from './resolve-experiment.ts';
import { smokeCell } from './testing/smoke-cell.ts';
import { SEED003_LABELS } from './seed003-lightweight.ts';

const MODELS = ['AlexNet', 'ResNet18', 'Custom AlexNet', 'Custom ResNet', 'Custom DenseNet'];

describe('seed003-lightweight', () => {
  it('runs the recommended cell per model under smoke and default, the full lr x epochs grid under paper', () => {
    for (const profile of ['smoke', 'default']) {
      const r = resolveExperiment('seed003-lightweight', { profile });
      assert.deepEqual(
        r.report.levels.map((l) => l.label),
        MODELS,
        profile,
      );
      assert.equal(r.cells.length, 5 * 3);
      assert.ok(
        r.report.comparisons.every((c) => c.kind !== 'pair' || (MODELS.includes(c.a) && MODELS.includes(c.b))),
        'grid pairs dropped',
      );
    }
    const paper = resolveExperiment('seed003-lightweight', { profile: 'paper' });
    assert.equal(paper.cells.length, 20 * 3);
    const grid = new Set(paper.cells.map((c) => `${c.config.model.backbone} ${c.config.optimizer.lrHead} ${c.config.epochs}`));
    assert.equal(grid.size, 20, '5 models x 2 learning rates x 2 epoch counts');
    const alex = paper.cells.find((c) => c.level === 'AlexNet')!.config;
    assert.deepEqual(
      [alex.model.init, alex.model.unfreeze, alex.optimizer.lrHead, alex.epochs, alex.batchSize, alex.image.size, alex.schedule.monitor],
      ['pretrained', 0, 0.0005, 30, 16, 224, 'val_loss'],
    );
    assert.deepEqual(
      [alex.dataset.subset, alex.dataset.labels, alex.split.fractions],
      [{ perClass: 300 }, SEED003_LABELS, [0.64, 0.16, 0.2]],
    );
    const custom = paper.cells.find((c) => c.level === 'Custom AlexNet lr 0.001 15 ep')!.config;
    assert.deepEqual(
      [custom.model.backbone, custom.model.init, custom.optimizer.lrHead, custom.epochs],
      ['custom-alexnet', 'random', 0.001, 15],
    );
    // "the final layer": the transfer models train the logits layer alone, the from-scratch nets a 64-unit head too
    assert.deepEqual([alex.model.head, custom.model.head], [[], [{ units: 64, dropout: 0 }]]);
  });

  it('trains a smoke cell (custom AlexNet on a 12-per-class subset) and stores AUC and the metrics at 0.5', async () => {
    const { cell, store, request } = await smokeCell('seed003-lightweight', (c) => c.level === 'Custom AlexNet');
    const out = await runExperiment(request);
    const run = store.getRun(out.runId);
    assert.equal(run.configHash, cell.configHash);
    for (const m of ['macro_auc_roc', 'binary_accuracy', 'macro_accuracy_05']) assert.ok(Number.isFinite(run.metrics['test']![m]), m);
    const names = new Set(store.getLabelMetrics(out.runId).map((m) => m.name));
    // precision, recall and F1 at 0.5 are stored where defined (a two-epoch net may predict no positives)
    for (const m of ['auc_roc', 'accuracy_05', 'recall_05']) assert.ok(names.has(m), m);
  });
});
