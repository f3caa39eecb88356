/**
 * The seed001-uncertainty definition: its quoted reference columns (checked here against the
 * seed's tables and the CheXpert adapter's label names) and its resolution under each profile.
 * The resolution needs config keys from other branches (dataset 'chexpert' phantom, resnet101,
 * second-order stratification, weighted sampling, custom-* backbones), so those tests are todo here.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CHEXPERT_LABELS } from '@cxr/data';
import { runExperiment } from '@cxr/train';
import { resolveExperiment } from './resolve-experiment.ts';
import { smokeCell } from './testing/smoke-cell.ts';
import { SEED001_BASELINE_U1, SEED001_QUOTED_COLUMNS, seed001Uncertainty } from './seed001-uncertainty.ts';

describe('seed001-uncertainty', () => {
  it('quotes Table 1 for all fourteen CheXpert labels and Table 2 for its five, with document and table as the source', () => {
    assert.deepEqual(
      SEED001_QUOTED_COLUMNS.map((c) => [c.name, Object.keys(c.auc).length]),
      [
        ['ResNetTL-U0', 14],
        ['ResNetTL-U1', 14],
        ['DenseNetTL-U0', 14],
        ['DenseNetTL-U1', 14],
        ['Baseline-U0', 5],
      ],
    );
    for (const c of SEED001_QUOTED_COLUMNS.slice(0, 4)) assert.deepEqual(Object.keys(c.auc), CHEXPERT_LABELS);
    // spot checks against 001 lines 553, 561 and 576 (Edema's Baseline-U1 printed "0,94")
    assert.equal(SEED001_QUOTED_COLUMNS[1]!.auc['No Finding'], 0.88);
    assert.equal(SEED001_QUOTED_COLUMNS[3]!.auc['Atelectasis'], 0.62);
    assert.deepEqual(SEED001_BASELINE_U1.auc, {
      Atelectasis: 0.86,
      Cardiomegaly: 0.83,
      Consolidation: 0.9,
      Edema: 0.94,
      'Pleural Effusion': 0.93,
    });
    for (const c of [SEED001_BASELINE_U1, ...SEED001_QUOTED_COLUMNS])
      assert.match(c.source, /seed 001 \(\.\.\/shared\/seeds\/001_47d104f4cd4dca24\.txt\), Table [12] \(lines \d+-\d+\)/);
    assert.equal(seed001Uncertainty.clinical!.reference, SEED001_BASELINE_U1);
    assert.equal(seed001Uncertainty.clinical!.extraReferences!.length, 5);
  });

  it('resolves under every profile: 4 levels x 3 seeds and 5 trials, the seed protocol under paper, stand-ins named', () => {
    for (const profile of ['smoke', 'default', 'paper']) {
      const r = resolveExperiment('seed001-uncertainty', { profile });
      assert.equal(r.cells.length, 4 * 3 + 5, profile);
      const c = r.cells[0]!.config as unknown as Record<string, Record<string, unknown>>;
      assert.deepEqual(
        [c['dataset']!['name'], c['dataset']!['dataDir'], c['split']!['stratification']],
        ['chexpert', null, 'second-order'],
        profile,
      );
      assert.ok(c['sampling']!['weighted'], profile);
    }
    const paper = resolveExperiment('seed001-uncertainty', { profile: 'paper' });
    const byLevel = (label: string) => paper.cells.find((x) => x.level === label)!.config;
    assert.deepEqual(
      ['DenseNet121 U-Zeros', 'DenseNet121 U-Ones', 'ResNet101 U-Zeros', 'ResNet101 U-Ones'].map((l) => [
        byLevel(l).model.backbone,
        byLevel(l).dataset.uncertain,
      ]),
      [
        ['densenet121', 'zeros'],
        ['densenet121', 'ones'],
        ['resnet101', 'zeros'],
        ['resnet101', 'ones'],
      ],
    );
    const p = byLevel('DenseNet121 U-Ones');
    assert.deepEqual(
      [p.optimizer.name, p.epochs, p.batchSize, p.schedule.earlyStopping!.patience, p.schedule.monitor, p.schedule.freezeThenUnfreeze],
      ['adamw', 10, 32, 5, 'val_macro_auc', { headOnlyEpochs: 3, factor: 0.1, minLr: 1e-6 }],
    );
    for (const t of paper.search!.levels[0]!.trials) {
      assert.ok(t.config.optimizer.lrHead >= 1e-4 && t.config.optimizer.lrHead <= 1e-2);
      assert.ok(t.config.schedule.plateau!.patience >= 1 && t.config.schedule.plateau!.patience <= 4);
    }
    const def = resolveExperiment('seed001-uncertainty', { profile: 'default' });
    assert.match(
      def.report.description!,
      /Under profile 'default' the runs train custom-densenet, custom-resnet in place of densenet121, resnet101\./,
    );
  });

  it('trains a smoke cell on the CheXpert-layout phantom in seconds', async () => {
    const { cell, store, request } = await smokeCell('seed001-uncertainty');
    const out = await runExperiment(request);
    assert.equal(store.getRun(out.runId).configHash, cell.configHash);
  });
});
