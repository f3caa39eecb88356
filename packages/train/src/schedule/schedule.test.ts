import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { expectClose } from '@cxr/testkit';
import { DEFAULT_PLATEAU, initialPlateauState, plateauStep, type PlateauState } from './plateau.ts';
import { DEFAULT_EARLY_STOPPING, earlyStoppingStep, initialEarlyStoppingState } from './early-stopping.ts';
import { rampFactor } from './ramp-schedule.ts';
import { freezePhase } from './freeze-then-unfreeze.ts';
import { epochRates } from './learning-rates.ts';

describe('ReduceLROnPlateau', () => {
  test('reduces after `patience` epochs without improvement, then waits again (Keras rules)', () => {
    const cfg = { ...DEFAULT_PLATEAU, patience: 2 };
    let s: PlateauState = initialPlateauState();
    const trace: number[] = [];
    for (const auc of [0.6, 0.7, 0.7, 0.70005, 0.69, 0.68, 0.8, 0.8]) {
      s = plateauStep(cfg, s, auc, 'max');
      trace.push(s.multiplier);
    }
    // 0.7 twice (0.70005 is within minDelta 1e-4) -> reduce at the 4th epoch; 0.69, 0.68 -> reduce again at the 6th
    expectClose(trace, [1, 1, 1, 0.1, 0.1, 0.01, 0.01, 0.01], 1e-15);
    assert.equal(s.best, 0.8);
  });

  test('min mode, cooldown and NaN', () => {
    const cfg = { ...DEFAULT_PLATEAU, patience: 1, cooldown: 2, factor: 0.5 };
    let s = plateauStep(cfg, initialPlateauState(), 1.0, 'min');
    s = plateauStep(cfg, s, Number.NaN, 'min'); // NaN never improves -> reduce
    assert.deepEqual(s, { best: 1, wait: 0, cooldown: 2, multiplier: 0.5 });
    s = plateauStep(cfg, s, 2, 'min'); // still in cooldown after the decrement: no counting (Keras)
    assert.equal(s.multiplier, 0.5);
    s = plateauStep(cfg, s, 0.5, 'min');
    assert.equal(s.best, 0.5);
  });

  test('rejects bad settings', () => {
    assert.throws(
      () => plateauStep({ ...DEFAULT_PLATEAU, factor: 1 }, initialPlateauState(), 1, 'max'),
      /plateauStep\(config.factor\): expected a number in \(0, 1\), received 1/,
    );
    assert.throws(
      () => plateauStep({ ...DEFAULT_PLATEAU, patience: 1.5 }, initialPlateauState(), 1, 'max'),
      /plateauStep\(config.patience\): expected an integer >= 0, received 1.5/,
    );
  });
});

describe('early stopping', () => {
  test('stops after `patience` epochs without improvement and remembers the best epoch', () => {
    const cfg = { ...DEFAULT_EARLY_STOPPING, patience: 3 };
    let s = initialEarlyStoppingState();
    const values = [0.6, 0.65, 0.64, 0.65, 0.63];
    values.forEach((v, i) => {
      s = earlyStoppingStep(cfg, s, i + 1, v, 'max');
    });
    assert.deepEqual(s, { best: 0.65, bestEpoch: 2, wait: 3, stop: true });
    assert.throws(
      () => earlyStoppingStep({ ...cfg, patience: 0 }, s, 1, 1, 'max'),
      /earlyStoppingStep\(config.patience\): expected an integer >= 1, received 0/,
    );
  });
});

describe('ramp-up / sustain / exponential-decay (seed 004)', () => {
  const cfg = { startFactor: 0.1, minFactor: 0.01, rampupEpochs: 2, sustainEpochs: 1, decay: 0.5 };
  test('ramps linearly, holds, then decays towards the minimum', () => {
    // hand-computed from the three formulas
    expectClose(
      [0, 1, 2, 3, 4, 5].map((e) => rampFactor(cfg, e)),
      [0.1, 0.55, 1, 1, 0.99 * 0.5 + 0.01, 0.99 * 0.25 + 0.01],
      1e-12,
    );
    expectClose(rampFactor({ ...cfg, rampupEpochs: 0, sustainEpochs: 0 }, 0), 1, 0);
  });
  test("reproduces the learning-rate column of seed 004's Table 1 (epochs 1-17)", () => {
    // 004_750858fd0b45de5c.txt, Table 1 "Training Outputs": 2e-6 rising by 1.225e-5 per epoch to 1e-4 at
    // epoch 9, then x0.8 per epoch. That is lr_max 1e-4 (the configured rate), lr_start 2e-6
    // (startFactor 0.02), 8 ramp-up epochs, no sustain, decay 0.8, and lr_min 0: the seed's 8.00e-05
    // and 1.677721e-05 (= 1e-4 x 0.8^8) leave no room for a minimum.
    const seed004 = { startFactor: 0.02, minFactor: 0, rampupEpochs: 8, sustainEpochs: 0, decay: 0.8 };
    const table1 = [
      2.0e-6, 1.425e-5, 2.65e-5, 3.875e-5, 5.1e-5, 6.325e-5, 7.55e-5, 8.775e-5, 1e-4, 8.0e-5, 6.4e-5, 5.12e-5, 4.096e-5, 3.2768e-5,
      2.62144e-5, 2.097152e-5, 1.677721e-5,
    ];
    const rates = table1.map((_, epoch) => 1e-4 * rampFactor(seed004, epoch));
    expectClose(rates, table1, 1e-11);
  });
  test('rejects a bad epoch or decay', () => {
    assert.throws(() => rampFactor(cfg, -1), /rampFactor\(epoch\): expected an integer >= 0, received -1/);
    assert.throws(() => rampFactor({ ...cfg, decay: 0 }, 3), /rampFactor\(config.decay\): expected a number in \(0, 1\], received 0/);
  });
});

describe('freeze-then-unfreeze and composed rates', () => {
  const freeze = { headOnlyEpochs: 3, factor: 0.1, minLr: 1e-6 };
  test('head only for E epochs, then unfrozen at lr x 0.1 (seed 001, 3.1.3)', () => {
    assert.deepEqual(
      [0, 2, 3, 9].map((e) => freezePhase(freeze, e).phase),
      ['head-only', 'head-only', 'unfrozen', 'unfrozen'],
    );
    assert.deepEqual(freezePhase(null, 0), { phase: 'unfrozen', factor: 1 });
    assert.throws(
      () => freezePhase({ ...freeze, headOnlyEpochs: -1 }, 0),
      /freezePhase\(config.headOnlyEpochs\): expected an integer >= 0, received -1/,
    );
  });
  test('epochRates multiplies ramp, plateau and phase factors and clamps at minLr', () => {
    const base = { lrHead: 1e-3, lrBackbone: 1e-4, weightDecay: 0.01, minLr: 0, ramp: null, freeze };
    assert.deepEqual(epochRates(base, 0, 1), { head: 1e-3, backbone: 1e-4, weightDecay: 0.01, phase: 'head-only' });
    const after = epochRates(base, 3, 1);
    expectClose([after.head, after.backbone, after.weightDecay], [1e-4, 1e-5, 1e-3], 1e-15);
    const clamped = epochRates(base, 3, 0.001);
    expectClose([clamped.head, clamped.backbone], [1e-6, 1e-6], 1e-18);
    const ramped = epochRates(
      { ...base, freeze: null, ramp: { startFactor: 0.1, minFactor: 0.01, rampupEpochs: 2, sustainEpochs: 0, decay: 0.5 } },
      0,
      1,
    );
    expectClose(ramped.head, 1e-4, 1e-15);
  });
});
