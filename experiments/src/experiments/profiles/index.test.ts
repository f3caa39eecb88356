import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PAPER_CONFIG, presetConfig, resolveConfig } from '@cxr/train';
import { ExperimentDefinitionError } from '../errors.ts';
import { findProfile, PROFILE_NAMES, PROFILES } from './index.ts';

describe('profiles', () => {
  it('are smoke, default and paper, each a valid layer over PAPER_CONFIG', () => {
    assert.deepEqual(PROFILE_NAMES, ['smoke', 'default', 'paper']);
    for (const p of PROFILES) {
      resolveConfig(PAPER_CONFIG, [{ source: p.name, values: p.override }]);
      // cxr pretrain takes at least 20 source images
      assert.ok(p.pretrain.images >= 20 && p.pretrain.epochs >= 1 && p.pretrain.batchSize >= 1, p.name);
    }
  });

  it("smoke runs the smoke preset's data, input and length: over PAPER_CONFIG it is that preset but for its CutMix and unfrozen fraction", () => {
    const smoke = resolveConfig(PAPER_CONFIG, [{ source: 'smoke', values: findProfile('smoke').override }]);
    const preset = resolveConfig(presetConfig('smoke'));
    assert.deepEqual({ ...smoke, cutmix: preset.cutmix, model: { ...smoke.model, unfreeze: 1 } }, preset);
    assert.equal(smoke.model.init, 'random');
  });

  it('paper adds nothing to PAPER_CONFIG', () => {
    assert.deepEqual(findProfile('paper').override, {});
  });

  it('refuses an unknown name with a did-you-mean and the valid names', () => {
    assert.throws(
      () => findProfile('papr'),
      (e: unknown) =>
        e instanceof ExperimentDefinitionError &&
        e.message ===
          "experiments/src/experiments/profiles/index.ts: key 'profile': unknown profile \"papr\" (did you mean 'paper'?); valid profiles: smoke, default, paper",
    );
  });
});
