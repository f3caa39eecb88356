import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DataArgumentError } from '../errors.ts';
import { createRng } from '../random/index.ts';
import { LATERALIZED_PHANTOM_LABELS, withFindingSide, withoutFinding } from './moved-finding.ts';
import { samplePatientAnatomy, samplePose, type PhantomParams } from './params.ts';
import { renderPhantom } from './render.ts';

const base: PhantomParams = {
  projection: 'PA',
  anatomy: samplePatientAnatomy(createRng(1, 'moved-finding-test'), 'M'),
  pose: samplePose(createRng(2, 'moved-finding-test')),
  exposure: { contrast: 1.3, gain: 0.95, offset: 0.04, noiseSd: 0.015 },
  marker: { letter: 'L', corner: 0 },
  findings: { 'laminar atelectasis': { severity: 0.7, side: -1, u: 0.5, v: 0.5 }, cardiomegaly: { severity: 0.3, side: 0, u: 0, v: 0 } },
  noiseSeed: 99,
};

test('withFindingSide moves only that finding and leaves the input untouched', () => {
  for (const side of [-1, 0, 1] as const) {
    const moved = withFindingSide(base, 'laminar atelectasis', side);
    assert.deepEqual(moved.findings['laminar atelectasis'], { severity: 0.7, side, u: 0.5, v: 0.5 });
    assert.deepEqual(moved.findings.cardiomegaly, base.findings.cardiomegaly);
    assert.equal(moved.anatomy, base.anatomy);
    assert.equal(moved.noiseSeed, base.noiseSeed);
  }
  assert.equal(base.findings['laminar atelectasis']!.side, -1);
  // Rendered: the left-side plate darkens nothing on the right half of the image, and vice versa.
  const size = 32;
  const left = renderPhantom(base, size);
  const right = renderPhantom(withFindingSide(base, 'laminar atelectasis', 1), size);
  const none = renderPhantom(withoutFinding(base, 'laminar atelectasis'), size);
  const changeByHalf = (img: Float32Array): [number, number] => {
    const sums: [number, number] = [0, 0];
    for (let i = 0; i < img.length; i++) sums[i % size < size / 2 ? 0 : 1] += Math.abs(img[i]! - none[i]!);
    return sums;
  };
  const [ll, lr] = changeByHalf(left);
  const [rl, rr] = changeByHalf(right);
  assert.ok(ll > 10 * lr, `left: ${ll} vs ${lr}`);
  assert.ok(rr > 10 * rl, `right: ${rr} vs ${rl}`);
});

test('withoutFinding removes one finding and copies the rest', () => {
  const p = withoutFinding(base, 'cardiomegaly');
  assert.deepEqual(Object.keys(p.findings), ['laminar atelectasis']);
  assert.ok(base.findings.cardiomegaly, 'input untouched');
  assert.deepEqual(withoutFinding(base, 'scoliosis').findings, base.findings);
});

test('withFindingSide refuses findings without a side, absent ones and bad sides', () => {
  const isArg = (pattern: RegExp) => (e: unknown) => e instanceof DataArgumentError && pattern.test(e.message);
  assert.throws(
    () => withFindingSide(base, 'cardiomegaly', 1),
    isArg(/withFindingSide.*label.*pleural effusion, costophrenic angle blunting, laminar atelectasis.*cardiomegaly/),
  );
  assert.throws(
    () => withFindingSide(base, 'pleural effusion', 1),
    isArg(/withFindingSide.*present.*laminar atelectasis, cardiomegaly.*pleural effusion/),
  );
  assert.throws(() => withFindingSide(base, 'laminar atelectasis', 2 as never), isArg(/withFindingSide.*side.*-1, 0 or 1.*2/));
  assert.deepEqual([...LATERALIZED_PHANTOM_LABELS], ['pleural effusion', 'costophrenic angle blunting', 'laminar atelectasis']);
});
