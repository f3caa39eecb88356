import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PADCHEST_THESIS_LABELS } from '@cxr/data';
import { LIZ_EFFNET_REFERENCE } from '@cxr/report';
import { resolveExperiment } from './resolve-experiment.ts';
import { TABLE10_PUBLISHED_FINAL, TABLE9_PUBLISHED_DELTA, table9Reference } from './table9-reference.ts';

test("the reference column is keyed by the PadChest adapter's ten thesis labels", () => {
  assert.deepEqual(Object.keys(LIZ_EFFNET_REFERENCE.auc), PADCHEST_THESIS_LABELS);
  assert.deepEqual(Object.keys(TABLE9_PUBLISHED_DELTA).sort(), [...PADCHEST_THESIS_LABELS].sort());
  assert.deepEqual(Object.keys(TABLE10_PUBLISHED_FINAL).sort(), [...PADCHEST_THESIS_LABELS, 'macro'].sort());
});

test('the published Table 9 and 10 figures are the printed ones (lines 473, 475, 504)', () => {
  assert.deepEqual(TABLE9_PUBLISHED_DELTA['scoliosis'], [
    [0.007, 0.012],
    [0.084, 0.013],
  ]);
  assert.deepEqual(TABLE9_PUBLISHED_DELTA['costophrenic angle blunting']![1], [-0.121, 0.014]);
  assert.deepEqual(TABLE10_PUBLISHED_FINAL['macro'], { brier: [0.154, 0.015], specAtSens: [0.27, 0.03], sensAtSpec: [0.32, 0.04] });
});

test('its ReportExperiment asks for the clinical section with the Liz, EffNet reference', () => {
  const report = resolveExperiment(table9Reference, {}).report;
  assert.equal(report.clinical?.reference?.name, 'Liz, EffNet');
  assert.deepEqual(report.clinical?.reference?.auc, LIZ_EFFNET_REFERENCE.auc);
  assert.deepEqual(
    report.levels.map((l) => l.label),
    ['intermediate', 'final'],
  );
});

test('the paper profile trains EfficientNetB0 (intermediate) and MobileNetV2 + CutMix (final) with the same head and oversampling', () => {
  const cells = resolveExperiment(table9Reference, { profile: 'paper' }).cells;
  const cfg = (level: string) => cells.find((c) => c.level === level)!.config;
  const i = cfg('intermediate');
  const f = cfg('final');
  assert.deepEqual([i.model.backbone, i.model.unfreeze, i.cutmix, i.loss.name], ['efficientnetb0', 0.9, null, 'weighted-bce']);
  assert.deepEqual([f.model.backbone, f.model.unfreeze, f.loss.name], ['mobilenetv2', 0.9, 'weighted-bce']);
  assert.ok(f.cutmix);
  assert.deepEqual(i.model.head, [
    { units: 256, dropout: 0.3 },
    { units: 128, dropout: 0.3 },
  ]);
  assert.deepEqual(f.model.head, i.model.head);
  assert.deepEqual(f.sampling.oversample, i.sampling.oversample);
  assert.ok(i.sampling.oversample);
  assert.equal(cells.length, 6);
});
