import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { makeTempDir } from '@cxr/testkit';
import { pretrainedWeightsDir } from './pretrained-weights-dir.ts';
import { checkRunPrerequisites } from './prerequisites.ts';
import { presetConfig } from './presets.ts';
import { resolveConfig } from './resolve.ts';

const tmp = makeTempDir('prerequisites');
after(tmp.cleanup);
const smoke = presetConfig('smoke');
const withValues = (values: object) => resolveConfig(smoke, [{ source: 't', values }]);

describe('checkRunPrerequisites', () => {
  test('random init on the generated phantom set needs nothing on disk', () => {
    checkRunPrerequisites(smoke, { weightsRoot: join(tmp.dir, 'none') });
  });

  test("'pretrained' without the weights of `cxr pretrain` says which command makes them", () => {
    const config = withValues({ model: { init: 'pretrained' } });
    assert.throws(
      () => checkRunPrerequisites(config, { weightsRoot: tmp.dir }),
      /^TrainConfigError: checkRunPrerequisites: config key 'model.init': no pretrained cnn3 weights for 32 px, 1 channel\(s\) at .*cnn3-32px-1ch; make them with: npx cxr pretrain --backbone cnn3 --size 32 --channels 1, or train from scratch with --set model.init=random$/,
    );
    mkdirSync(pretrainedWeightsDir(tmp.dir, 'cnn3', 32, 1), { recursive: true });
    checkRunPrerequisites(config, { weightsRoot: tmp.dir });
  });

  test('a {weights: DIR} init whose folder does not exist is refused', () => {
    assert.throws(
      () => checkRunPrerequisites(withValues({ model: { init: { weights: join(tmp.dir, 'nope') } } })),
      /checkRunPrerequisites: config key 'model.init.weights': the weights folder .*nope does not exist; give the folder of converted weights/,
    );
    checkRunPrerequisites(withValues({ model: { init: { weights: tmp.dir } } }));
  });

  test('a real dataset needs an existing folder; nih and chexpert without one are generated', () => {
    assert.throws(
      () => checkRunPrerequisites(withValues({ dataset: { name: 'padchest' } })),
      /config key 'dataset.dataDir': the padchest dataset needs a folder: pass --data-dir DIR \(only 'phantom', 'nih', 'chexpert' are generated\)$/,
    );
    checkRunPrerequisites(withValues({ dataset: { name: 'nih' } }));
    checkRunPrerequisites(withValues({ dataset: { name: 'chexpert' } }));
    assert.throws(
      () => checkRunPrerequisites(withValues({ dataset: { name: 'nih', dataDir: join(tmp.dir, 'nih') } })),
      /config key 'dataset.dataDir': the nih data folder .*nih does not exist/,
    );
  });
});
