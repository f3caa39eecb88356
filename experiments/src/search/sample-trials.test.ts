import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sampleRange, sampleTrials } from './sample-trials.ts';
import type { SearchDeclaration } from './search-types.ts';

const search: SearchDeclaration = {
  params: {
    'optimizer.lrHead': { kind: 'log-uniform', min: 1e-5, max: 1e-2 },
    'optimizer.weightDecay': { kind: 'log-uniform', min: 1e-6, max: 1e-2 },
    'schedule.plateau.patience': { kind: 'integer', min: 1, max: 4 },
    'model.head.0.dropout': { kind: 'uniform', min: 0, max: 0.5 },
    'model.backbone': { kind: 'choice', values: ['densenet121', 'cnn5'] },
  },
  trials: 200,
  seed: 11,
  metric: 'macro_auc_roc',
};

describe('sampleTrials', () => {
  it('draws the same trials from the same seed, other trials from another seed', () => {
    assert.deepEqual(sampleTrials(search), sampleTrials(search));
    assert.notDeepEqual(sampleTrials({ ...search, seed: 12 })[0], sampleTrials(search)[0]);
  });

  it('keeps a trial when the trial count grows or the keys are reordered (one stream per trial and key)', () => {
    const five = sampleTrials({ ...search, trials: 5 });
    assert.equal(five.length, 5);
    assert.deepEqual(five, sampleTrials(search).slice(0, 5));
    const reversed = { ...search, trials: 5, params: Object.fromEntries(Object.entries(search.params).reverse()) };
    assert.deepEqual(
      sampleTrials(reversed).map((t) => t.values['optimizer.lrHead']),
      five.map((t) => t.values['optimizer.lrHead']),
    );
    assert.deepEqual(
      five.map((t) => t.number),
      [1, 2, 3, 4, 5],
    );
  });

  it('respects every range: log-uniform within its bounds and spread over its decades, integers inclusive, choices only', () => {
    const trials = sampleTrials(search);
    const lr = trials.map((t) => t.values['optimizer.lrHead'] as number);
    assert.ok(lr.every((v) => v >= 1e-5 && v <= 1e-2));
    // log-uniform: each of the three decades gets about a third (200 draws: 67 expected, +/- 3 sd ~ 20)
    for (const lo of [1e-5, 1e-4, 1e-3]) {
      const n = lr.filter((v) => v >= lo && v < lo * 10).length;
      assert.ok(n > 40 && n < 95, `decade from ${lo}: ${n} of 200`);
    }
    const patience = new Set(trials.map((t) => t.values['schedule.plateau.patience']));
    assert.deepEqual([...patience].sort(), [1, 2, 3, 4]);
    assert.ok(trials.every((t) => (t.values['model.head.0.dropout'] as number) >= 0 && (t.values['model.head.0.dropout'] as number) < 0.5));
    assert.deepEqual(new Set(trials.map((t) => t.values['model.backbone'])), new Set(['densenet121', 'cnn5']));
  });

  it('maps the ends of [0, 1) onto the ends of each range', () => {
    assert.equal(sampleRange({ kind: 'log-uniform', min: 1e-5, max: 1e-3 }, 0), 1e-5);
    assert.ok(Math.abs((sampleRange({ kind: 'log-uniform', min: 1e-5, max: 1e-3 }, 0.5) as number) - 1e-4) < 1e-12);
    assert.ok((sampleRange({ kind: 'log-uniform', min: 1e-5, max: 1e-3 }, 1 - 2 ** -53) as number) <= 1e-3);
    assert.equal(sampleRange({ kind: 'integer', min: 2, max: 4 }, 1 - 2 ** -53), 4);
    assert.equal(sampleRange({ kind: 'integer', min: 2, max: 4 }, 0), 2);
    assert.equal(sampleRange({ kind: 'choice', values: ['a', 'b'] }, 0.75), 'b');
  });

  it('defaults to the five trials of seed 001', () => {
    assert.equal(sampleTrials({ ...search, trials: undefined }).length, 5);
  });
});
