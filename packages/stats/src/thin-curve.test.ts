import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { precisionRecallCurve } from './precision-recall-curve.ts';
import { rocCurve } from './roc-curve.ts';
import { thinCurve, type ThinCurveReport } from './thin-curve.ts';
import type { CurvePointLike } from './types.ts';

// A deterministic 5000-image label (no RNG): a noisy score, rounded to 3 decimals for ties.
const n = 5000;
const yTrue = Array.from({ length: n }, (_, i) => (i % 7 === 0 || i % 11 === 0 ? 1 : 0));
const yScore = yTrue.map((y, i) => Math.round((((i * 7919) % 10007) / 10007) * 700 + y * 300) / 1000);

/**
 * Largest vertical distance of an original point from the thinned polyline, measured here
 * independently: each point against the segment of the kept points around it, by index (on a
 * vertical segment, its distance to the segment's y range).
 */
function maxVerticalDeviation(original: CurvePointLike[], thinned: CurvePointLike[]): number {
  const keptIndex = thinned.map((p) => original.indexOf(p));
  assert.ok(
    keptIndex.every((k, i) => k >= 0 && (i === 0 || k > keptIndex[i - 1]!)),
    'thinned points are original points, in order',
  );
  let worst = 0;
  for (let s = 1; s < keptIndex.length; s++) {
    const a = original[keptIndex[s - 1]!]!;
    const b = original[keptIndex[s]!]!;
    for (let i = keptIndex[s - 1]! + 1; i < keptIndex[s]!; i++) {
      const p = original[i]!;
      const d =
        b.x === a.x
          ? Math.max(0, Math.min(a.y, b.y) - p.y, p.y - Math.max(a.y, b.y))
          : Math.abs(p.y - (a.y + ((b.y - a.y) * (p.x - a.x)) / (b.x - a.x)));
      worst = Math.max(worst, d);
    }
  }
  return worst;
}

describe('thinCurve', () => {
  for (const [name, curve] of [
    ['ROC', rocCurve(yTrue, yScore)],
    ['PR', precisionRecallCurve(yTrue, yScore)],
  ] as const) {
    test(`${name} curve of ${curve.length} points: first and last kept, <= maxPoints, within the reported tolerance`, () => {
      assert.ok(curve.length > 900, `${curve.length} points to thin`);
      for (const maxPoints of [2, 3, 10, 100, 500]) {
        const report: ThinCurveReport = { tolerance: Number.NaN };
        const thinned = thinCurve(curve, maxPoints, report);
        assert.ok(thinned.length <= maxPoints, `${thinned.length} <= ${maxPoints}`);
        assert.equal(thinned[0], curve[0]);
        assert.equal(thinned.at(-1), curve.at(-1));
        const deviation = maxVerticalDeviation(curve, thinned);
        assert.ok(deviation <= report.tolerance, `max deviation ${deviation} <= tolerance ${report.tolerance} at ${maxPoints}`);
        // fewer points only when the rest lie exactly on the drawn segments
        if (maxPoints >= 10 && report.tolerance > 0)
          assert.ok(thinned.length >= maxPoints * 0.8, `uses the budget: ${thinned.length} of ${maxPoints}`);
      }
    });
  }
  test('the tolerance is the smallest: one more point allowed never has a larger tolerance, and 100 points draw a ROC within 0.02', () => {
    const curve = rocCurve(yTrue, yScore);
    const tolerance = (m: number) => {
      const r = { tolerance: 0 };
      thinCurve(curve, m, r);
      return r.tolerance;
    };
    for (const m of [5, 20, 50, 99]) assert.ok(tolerance(m + 1) <= tolerance(m), `tolerance(${m + 1}) <= tolerance(${m})`);
    assert.ok(tolerance(100) < 0.02, `tolerance at 100 points ${tolerance(100)}`);
  });
  test('hand-worked: a straight line thins to its ends at tolerance 0; a corner is kept', () => {
    const line = [0, 1, 2, 3, 4].map((i) => ({ x: i / 4, y: i / 4, threshold: 1 - i / 4 }));
    const r: ThinCurveReport = { tolerance: 1 };
    assert.deepEqual(thinCurve(line, 3, r), [line[0], line[4]]);
    assert.equal(r.tolerance, 0);
    const corner = [
      { x: 0, y: 0, threshold: Infinity },
      { x: 0, y: 0.5, threshold: 0.9 },
      { x: 0, y: 1, threshold: 0.8 },
      { x: 0.5, y: 1, threshold: 0.5 },
      { x: 1, y: 1, threshold: 0.1 },
    ];
    assert.deepEqual(thinCurve(corner, 3, r), [corner[0], corner[2], corner[4]]);
    assert.equal(r.tolerance, 0, 'the dropped points lie on the drawn segments');
    assert.deepEqual(thinCurve(corner, 2, r), [corner[0], corner[4]]);
    assert.equal(r.tolerance, 1, 'the corner (0, 1) lies 1 above the chord (0, 0)-(1, 1) at x = 0');
  });
  test('already short enough: a copy, unchanged, tolerance 0', () => {
    const curve = rocCurve([0, 1, 0, 1], [0.1, 0.2, 0.3, 0.4]);
    const r: ThinCurveReport = { tolerance: 1 };
    const out = thinCurve(curve, 5, r);
    assert.deepEqual(out, curve);
    assert.notEqual(out, curve);
    assert.equal(r.tolerance, 0);
  });
  test('a single-class curve (NaN TPR) thins to its two ends without error', () => {
    const curve = rocCurve([0, 0, 0, 0, 0], [0.1, 0.2, 0.3, 0.4, 0.5]);
    assert.deepEqual(thinCurve(curve, 3), [curve[0], curve.at(-1)]);
  });
  test('argument errors', () => {
    const arg = (m: RegExp) => (e: Error) => e.name === 'StatsArgumentError' && m.test(e.message);
    const curve = rocCurve([0, 1], [0.1, 0.2]);
    assert.throws(() => thinCurve(curve, 1), arg(/^thinCurve\(maxPoints\): expected an integer >= 2, received 1$/));
    assert.throws(() => thinCurve(curve, 2.5), arg(/^thinCurve\(maxPoints\): expected an integer >= 2, received 2.5$/));
    assert.throws(
      () => thinCurve('curve' as never, 5),
      arg(/^thinCurve\(points\): expected an array of \{x, y, threshold\}, received "curve"$/),
    );
    assert.throws(
      () => thinCurve([{ x: 0, y: 0, threshold: 1 }, { x: 0.5 } as never], 5),
      arg(/^thinCurve\(points\[1\]\): expected an object \{x, y, threshold\} of numbers/),
    );
    assert.throws(
      () =>
        thinCurve(
          [
            { x: 0.5, y: 0, threshold: 1 },
            { x: 0.25, y: 1, threshold: 0 },
          ],
          5,
        ),
      arg(/^thinCurve\(points\[1\]\.x\): expected x never decreasing \(>= 0.5\), received 0.25$/),
    );
  });
});
