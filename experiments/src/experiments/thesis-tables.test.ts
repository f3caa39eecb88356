/**
 * The definitions against the thesis (../shared/seeds/002_5dfe962da7df0371.txt): each expected row
 * below is copied from the line of the seed file named with it.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { presetConfig, resolveConfig, runConfigHash } from '@cxr/train';
import { EXPERIMENTS, findExperiment } from './registry.ts';
import { resolveExperiment } from './resolve-experiment.ts';

/** label, regime, AUC-ROC mean, sd, PR-AUC mean, sd - as printed. */
type Row = [label: string, regime: string, auc: number, aucSd: number, pr: number, prSd: number];

const TABLES: Record<string, { table: string; params: 'total' | 'trainable' | null; rows: Row[] }> = {
  // lines 348-354
  'table1-backbones': {
    table: 'Table 1',
    params: 'total',
    rows: [
      ['CNN-3', 'From scratch', 0.6, 0.03, 0.13, 0.02],
      ['CNN-4', 'From scratch', 0.64, 0.03, 0.15, 0.02],
      ['CNN-5', 'From scratch', 0.67, 0.03, 0.16, 0.018],
      ['CNN-6', 'From scratch', 0.67, 0.03, 0.16, 0.018],
      ['MobileNetV2', 'Fine-tuning (TL)', 0.734, 0.009, 0.182, 0.01],
      ['ResNet50V2', 'Fine-tuning (TL)', 0.741, 0.007, 0.187, 0.008],
      ['EfficientNetB0', 'Fine-tuning (TL)', 0.739, 0.006, 0.185, 0.008],
    ],
  },
  // lines 365-370
  'table2-unfreeze': {
    table: 'Table 2',
    params: 'trainable',
    rows: [
      ['0 %', 'Head only', 0.61, 0.012, 0.11, 0.01],
      ['25 %', 'Partial fine-tuning', 0.665, 0.011, 0.14, 0.011],
      ['50 %', 'Partial fine-tuning', 0.705, 0.01, 0.165, 0.01],
      ['75 %', 'Partial fine-tuning', 0.73, 0.008, 0.178, 0.009],
      ['90 %', 'Extensive fine-tuning', 0.739, 0.006, 0.185, 0.008],
      ['100 %', 'Full fine-tuning', 0.736, 0.007, 0.183, 0.009],
    ],
  },
  // lines 381-382
  'table3-init': {
    table: 'Table 3',
    params: 'trainable',
    rows: [
      ['Pretrained', 'Fine-tuning', 0.739, 0.006, 0.185, 0.008],
      ['Random', 'Full training', 0.701, 0.01, 0.146, 0.01],
    ],
  },
  // lines 393-396
  'table4-head': {
    table: 'Table 4',
    params: null,
    rows: [
      ['512/0.20', '', 0.739, 0.006, 0.185, 0.008],
      ['512/0.40 -> 256/0.30', '', 0.736, 0.007, 0.181, 0.009],
      ['256/0.30 -> 128/0.30', '', 0.753, 0.006, 0.204, 0.008],
      ['128/0.20 -> 64/0.20', '', 0.734, 0.01, 0.176, 0.011],
    ],
  },
  // lines 409-411
  'table5-loss': {
    table: 'Table 5',
    params: null,
    rows: [
      ['Weighted BCE with logits', '', 0.753, 0.006, 0.204, 0.008],
      ['Focal (alpha=0.20, gamma=2.5)', '', 0.734, 0.01, 0.18, 0.011],
      ['Class-balanced focal', '', 0.738, 0.006, 0.185, 0.007],
    ],
  },
  // lines 422-423
  'table6-oversampling': {
    table: 'Table 6',
    params: null,
    rows: [
      ['Without oversampling', '', 0.753, 0.006, 0.204, 0.008],
      ['With moderate oversampling', '', 0.767, 0.006, 0.223, 0.008],
    ],
  },
  // lines 436-438
  'table7-augmentation': {
    table: 'Table 7',
    params: null,
    rows: [
      ['Basic', '', 0.767, 0.006, 0.223, 0.008],
      ['Basic + MixUp (alpha=0.40)', '', 0.764, 0.009, 0.221, 0.01],
      ['Basic + CutMix', '', 0.78, 0.005, 0.241, 0.007],
    ],
  },
  // lines 451-453
  'table8-final': {
    table: 'Table 8',
    params: 'total',
    rows: [
      ['MobileNetV2', '', 0.778, 0.006, 0.238, 0.008],
      ['ResNet50V2', '', 0.781, 0.005, 0.242, 0.007],
      ['EfficientNetB0', '', 0.78, 0.005, 0.241, 0.007],
    ],
  },
  // Table 9's two models print no macro row of their own: Table 6 line 423 (intermediate), Table 8 line 451 (final)
  'table9-reference': {
    table: 'Table 9',
    params: 'total',
    rows: [
      ['intermediate', 'EfficientNetB0', 0.767, 0.006, 0.223, 0.008],
      ['final', 'MobileNetV2 + CutMix', 0.778, 0.006, 0.238, 0.008],
    ],
  },
};

describe('experiment definitions mirror the thesis tables', () => {
  it('registers Tables 1-9 in table order', () => {
    assert.deepEqual(
      EXPERIMENTS.filter((e) => e.thesisTable !== null).map((e) => [e.name, e.thesisTable]),
      Object.entries(TABLES).map(([name, t]) => [name, t.table]),
    );
  });

  for (const [name, expected] of Object.entries(TABLES))
    it(`${name}: levels, regimes, parameter column and published mean +/- sd as printed`, () => {
      const d = findExperiment(name);
      assert.equal(d.paramsColumn, expected.params);
      assert.deepEqual(d.seeds, [1, 2, 3]);
      assert.deepEqual(d.metrics, ['macro_auc_roc', 'macro_pr_auc']);
      assert.deepEqual(
        d.levels.map((l) => [
          l.label,
          l.regime,
          l.published!['macro_auc_roc']!.mean,
          l.published!['macro_auc_roc']!.sd,
          l.published!['macro_pr_auc']!.mean,
          l.published!['macro_pr_auc']!.sd,
        ]),
        expected.rows,
      );
    });

  it('publishes the tests the text reports: |t|, t*, p', () => {
    const tests = (name: string) => findExperiment(name).publishedComparisons!.map((c) => [c.a, c.b, c.metric, c.t, c.tCritical, c.p]);
    // line 356
    assert.deepEqual(tests('table1-backbones'), [
      ['ResNet50V2', 'EfficientNetB0', 'macro_auc_roc', 0.38, 2.79, 0.72],
      ['ResNet50V2', 'EfficientNetB0', 'macro_pr_auc', 0.31, 2.78, 0.76],
    ]);
    // line 372
    assert.deepEqual(tests('table2-unfreeze'), [
      ['90 %', '100 %', 'macro_auc_roc', 0.56, 2.8, 0.6],
      ['90 %', '100 %', 'macro_pr_auc', 0.29, 2.79, 0.78],
    ]);
    // line 384
    assert.deepEqual(tests('table3-init'), [
      ['Pretrained', 'Random', 'macro_auc_roc', 5.64, 3.07, 0.006],
      ['Pretrained', 'Random', 'macro_pr_auc', 5.27, 2.8, 0.006],
    ]);
    // line 398
    assert.deepEqual(tests('table4-head'), [
      ['256/0.30 -> 128/0.30', '512/0.20', 'macro_auc_roc', 2.86, 2.78, 0.046],
      ['256/0.30 -> 128/0.30', '512/0.20', 'macro_pr_auc', 2.91, 2.78, 0.042],
    ]);
    // line 413
    assert.deepEqual(tests('table5-loss'), [
      ['Weighted BCE with logits', 'Class-balanced focal', 'macro_auc_roc', 3.06, 2.78, 0.038],
      ['Weighted BCE with logits', 'Class-balanced focal', 'macro_pr_auc', 3.1, 2.8, 0.037],
    ]);
    // line 425
    assert.deepEqual(tests('table6-oversampling'), [
      ['With moderate oversampling', 'Without oversampling', 'macro_auc_roc', 2.86, 2.78, 0.046],
      ['With moderate oversampling', 'Without oversampling', 'macro_pr_auc', 2.91, 2.78, 0.042],
    ]);
    // line 440
    assert.deepEqual(tests('table7-augmentation'), [
      ['Basic + CutMix', 'Basic', 'macro_auc_roc', 2.88, 2.81, 0.045],
      ['Basic + CutMix', 'Basic', 'macro_pr_auc', 2.93, 2.8, 0.04],
    ]);
    // line 455
    assert.deepEqual(tests('table8-final'), [
      ['ResNet50V2', 'MobileNetV2', 'macro_auc_roc', 0.67, 2.81, 0.54],
      ['ResNet50V2', 'MobileNetV2', 'macro_pr_auc', 0.65, 2.8, 0.54],
      ['EfficientNetB0', 'MobileNetV2', 'macro_auc_roc', 0.44, 2.79, 0.68],
      ['EfficientNetB0', 'MobileNetV2', 'macro_pr_auc', 0.49, 2.78, 0.64],
    ]);
  });

  it('plans the comparisons the text reports', () => {
    assert.deepEqual(findExperiment('table1-backbones').comparisons, [
      { kind: 'pair', a: 'ResNet50V2', b: 'EfficientNetB0' },
      { kind: 'best-vs-next' },
    ]);
    assert.deepEqual(findExperiment('table2-unfreeze').comparisons[0], { kind: 'pair', a: '90 %', b: '100 %' });
    assert.deepEqual(findExperiment('table8-final').comparisons, [{ kind: 'vs-reference', reference: 'MobileNetV2' }]);
  });

  // The thesis carries a winner into the next table and prints its row again with the same numbers
  // (e.g. 0.739 +/- 0.006 in Tables 1-4); under the paper profile those rows must be one config, so
  // they train once and share runs across experiments.
  it('rows the thesis prints in two tables resolve to one config under the paper profile', () => {
    const hashOf = (name: string, label: string) =>
      resolveExperiment(name, { profile: 'paper' }).report.levels.find((l) => l.label === label)!.configHashes![0];
    const paper = runConfigHash(presetConfig('paper'));
    assert.equal(hashOf('table1-backbones', 'EfficientNetB0'), paper);
    assert.equal(hashOf('table2-unfreeze', '90 %'), paper);
    assert.equal(hashOf('table3-init', 'Pretrained'), paper);
    assert.equal(hashOf('table4-head', '512/0.20'), paper);
    const head = hashOf('table4-head', '256/0.30 -> 128/0.30');
    assert.equal(hashOf('table5-loss', 'Weighted BCE with logits'), head);
    assert.equal(hashOf('table6-oversampling', 'Without oversampling'), head);
    // line 427: the intermediate model
    const intermediate = runConfigHash(resolveConfig(presetConfig('thesis-intermediate')));
    assert.equal(hashOf('table6-oversampling', 'With moderate oversampling'), intermediate);
    assert.equal(hashOf('table7-augmentation', 'Basic'), intermediate);
    assert.equal(hashOf('table8-final', 'EfficientNetB0'), hashOf('table7-augmentation', 'Basic + CutMix'));
    // line 455: the selected final model
    assert.equal(hashOf('table8-final', 'MobileNetV2'), runConfigHash(resolveConfig(presetConfig('thesis-final'))));
    // Table 9's two models are those same configurations, so they share the runs of Tables 6-8
    assert.equal(hashOf('table9-reference', 'intermediate'), intermediate);
    assert.equal(hashOf('table9-reference', 'final'), hashOf('table8-final', 'MobileNetV2'));
  });

  it('levels that share a config under the paper profile share their published numbers', () => {
    const byHash = new Map<string, { where: string; published: unknown }>();
    for (const definition of EXPERIMENTS.filter((e) => e.thesisTable !== null))
      for (const level of resolveExperiment(definition, { profile: 'paper' }).report.levels) {
        const where = `${definition.name} '${level.label}'`;
        const seen = byHash.get(level.configHashes![0]!);
        if (seen) assert.deepEqual(level.published, seen.published, `${where} vs ${seen.where}`);
        else byHash.set(level.configHashes![0]!, { where, published: level.published });
      }
  });

  it("trains Table 1's CNNs from scratch on one [0, 1] gray channel with the 256/0.2 head, the others fine-tuned on 3 ImageNet-scaled channels", () => {
    const r = resolveExperiment('table1-backbones', { profile: 'paper' });
    const cfg = (label: string) => r.cells.find((c) => c.level === label)!.config;
    for (const blocks of [3, 4, 5, 6]) {
      const c = cfg(`CNN-${blocks}`);
      assert.deepEqual(
        [c.model.backbone, c.model.init, c.model.unfreeze, c.model.head, c.image.channels, c.image.normalization],
        [`cnn${blocks}`, 'random', 1, [{ units: 256, dropout: 0.2 }], 1, 'unit'],
      );
    }
    for (const [label, backbone] of [
      ['MobileNetV2', 'mobilenetv2'],
      ['ResNet50V2', 'resnet50v2'],
      ['EfficientNetB0', 'efficientnetb0'],
    ]) {
      const c = cfg(label!);
      assert.deepEqual(
        [c.model.backbone, c.model.init, c.model.unfreeze, c.model.head, c.image.channels, c.image.normalization],
        [backbone, 'pretrained', 0.9, [{ units: 512, dropout: 0.2 }], 3, 'imagenet'],
      );
    }
  });

  it('varies only its factor in Tables 5-7: losses, oversampling, mixing', () => {
    const levels = (name: string, pick: (c: ReturnType<typeof presetConfig>) => unknown) =>
      resolveExperiment(name, { profile: 'paper' })
        .cells.filter((c) => c.seed === 1)
        .map((c) => pick(c.config));
    assert.deepEqual(
      levels('table5-loss', (c) => c.loss),
      [
        { name: 'weighted-bce', alpha: 0.2, gamma: 2.5, beta: 0.999 },
        { name: 'focal', alpha: 0.2, gamma: 2.5, beta: 0.999 },
        { name: 'cb-focal', alpha: 0.2, gamma: 2.5, beta: 0.999 },
      ],
    );
    assert.deepEqual(
      levels('table6-oversampling', (c) => c.sampling.oversample),
      [null, { maxRepeats: 2 }],
    );
    assert.deepEqual(
      levels('table7-augmentation', (c) => [c.mixup, c.cutmix, c.augment !== null]),
      [
        [null, null, true],
        [{ alpha: 0.4, p: 0.5 }, null, true],
        [null, { p: 0.5 }, true],
      ],
    );
  });
});
